#pragma once
// A thin-client transaction on the server: started on one connection (the id means nothing on
// another), every request inside it pinned to that connection, ended exactly once by commit() or
// rollback(); one still open when the object goes away is rolled back.
//
//   auto tx = net::ServerTransaction::start(client, {.concurrency = protocol::TxConcurrency::Pessimistic});
//   net::call(*client, protocol::CachePut{header_with(tx.id()), k, v}, tx.route());
//   tx.commit();  // TransactionError if the server refuses or the connection is lost
//
// Not thread-safe: one owner at a time.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "kindling/net/cluster_client.hpp"
#include "kindling/net/cursor.hpp"
#include "kindling/protocol/tx_messages.hpp"

namespace kindling::net {

struct TransactionOptions {
    protocol::TxConcurrency concurrency = protocol::TxConcurrency::Pessimistic;
    protocol::TxIsolation isolation = protocol::TxIsolation::RepeatableRead;
    std::chrono::milliseconds timeout{0};  // 0: none; negative: UsageError before anything is sent
    std::string label = {};                // shown in the server's transaction views; empty: none
};

class ServerTransaction {
public:
    ServerTransaction() = default;  // no transaction
    // Pins a connection (ClusterClient::acquire_channel(route)) and starts the transaction on it.
    // Throws UsageError for a negative timeout (before anything is sent); TransactionError when the
    // server refuses it (or the protocol has no transactions, before 1.5.0); ConnectionError /
    // TimeoutError when no node could be asked (nothing was started).
    static ServerTransaction start(std::shared_ptr<ClusterClient> client, const TransactionOptions& options = {},
                                   const Route& route = {});
    ServerTransaction(ServerTransaction&& other) noexcept;
    ServerTransaction& operator=(ServerTransaction&& other) noexcept;  // rolls back the one it held
    ServerTransaction(const ServerTransaction&) = delete;
    ServerTransaction& operator=(const ServerTransaction&) = delete;
    ~ServerTransaction();  // rolls back if still active, errors swallowed

    // Started and not yet committed or rolled back.
    bool active() const noexcept { return active_; }
    std::int32_t id() const noexcept { return id_; }
    const std::string& label() const noexcept { return label_; }
    // The connection every request inside the transaction must use, and the route that pins it.
    const std::shared_ptr<Channel>& channel() const noexcept { return channel_; }
    Route route() const { return pinned(channel_); }

    // End it, exactly once: after the first call (whatever its outcome) the transaction is no longer
    // active, and another call throws TransactionError. A failure is a TransactionError with the
    // server's status and full message; status 0 when the connection was lost or the reply timed out
    // (the outcome is then unknown: the server rolls back a transaction whose connection closes,
    // but a commit may have been applied just before).
    void commit() { end(true); }
    void rollback() { end(false); }

private:
    void end(bool commit);

    std::shared_ptr<ClusterClient> client_;
    std::shared_ptr<Channel> channel_;
    std::int32_t id_ = 0;
    std::string label_;
    bool active_ = false;
};

}  // namespace kindling::net
