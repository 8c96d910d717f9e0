#pragma once
// Client transactions (libpqxx style: rolled back unless committed).
//
//   {
//       auto tx = client.tx_start(TxOptions{.timeout = 2000ms, .label = "tx-sync"});
//       cache.put(key, std::string("success"));   // joins tx: same client, same thread
//       tx.commit();
//   }                                              // no commit: rolled back at scope exit
//
// Binding: a transaction belongs to the Client that started it and to the thread that started
// it. Every operation of that client's caches issued on that thread (blocking or async, SQL and
// scans with a server that has transaction-aware queries) joins it until it ends. Bindings are
// per client and per thread: a transaction on client A does not touch client B's operations, and
// each thread can have one open transaction per client (a second tx_start on the same client and
// thread is a UsageError).
//
// Other threads: operations of the same client issued on other threads run outside the
// transaction, each on its own (as Ignite's thin clients do); with a pessimistic transaction they
// wait for the keys it locked until it ends, so a transaction's thread must not wait for another
// thread's operation on a key it holds (a deadlock that ends with the transaction's timeout).
//
// Ending: commit() only on the thread that started it (elsewhere: UsageError, the transaction stays
// open). rollback() and the destructor work from any thread; when another thread ends it, the
// starting thread's later operations of that client fail with TransactionError ("ended on another
// thread") until the Transaction object is destroyed, instead of silently running outside it.
//
// Thread-safety: a Transaction is a move-only handle; do not use one object from two threads at
// once. It keeps its client's connection alive (it may outlive the Client object; operations
// after Client::close() fail with ConnectionError).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "kindling/protocol/tx_messages.hpp"

namespace kindling::kvapi {

using protocol::TxConcurrency;
using protocol::TxIsolation;

struct TxOptions {
    std::optional<TxConcurrency> concurrency{};        // unset: ClientConfiguration::default_tx_concurrency
    std::optional<TxIsolation> isolation{};            // unset: ClientConfiguration::default_tx_isolation
    std::optional<std::chrono::milliseconds> timeout{};  // unset: the client's default; 0 = none; < 0: UsageError
    std::string label{};                               // named in errors and in the server's views
};

namespace detail {
struct ClientState;
struct TxState;
}  // namespace detail

class Transaction {
public:
    Transaction(Transaction&&) noexcept;
    Transaction& operator=(Transaction&&) noexcept;  // rolls back the transaction it held, if active
    ~Transaction();                                  // rolls back if still active; never throws

    void commit();    // on the starting thread only; throws TransactionError if the server refuses
    void rollback();  // from any thread
    std::int32_t id() const noexcept;  // the server's id (per connection)
    const std::string& label() const noexcept;
    bool active() const noexcept;

private:
    friend class Client;
    explicit Transaction(std::shared_ptr<detail::TxState> state);
    void end(bool commit);
    std::shared_ptr<detail::TxState> state_;
};

}  // namespace kindling::kvapi
