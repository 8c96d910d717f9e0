#pragma once
// Shared state behind Client, Cache, Transaction and cursors (not part of the public API).
#include <memory>
#include <mutex>
#include <set>
#include <optional>
#include <string>

#include "kindling/kvapi/client.hpp"
#include "kindling/net/channel.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/protocol/binary_object.hpp"
#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/sql_fields_query.hpp"

namespace kindling::kvapi::detail {

struct ClientState;

struct TxState {
    std::shared_ptr<ClientState> client;
    std::shared_ptr<net::Channel> channel;  // a transaction lives in the connection that started it
    std::int32_t id = 0;
    std::string label;
    bool active = true;
};

struct ClientState {
    std::shared_ptr<net::ClusterClient> net;
    ClientConfiguration config;

    std::mutex types_mu;
    std::set<std::pair<std::int32_t, std::int32_t>> registered_schemas;  // (type id, schema id)

    // The transaction the calling thread has open on this client, if any.
    TxState* current_tx() const;

    // Sends one request; inside a transaction it carries the tx id and stays on its connection,
    // and errors name the transaction's label.
    net::Response call(OpCode op, std::int32_t cache_id, const std::optional<protocol::ExpiryPolicy>& expiry,
                       const std::function<void(protocol::ByteWriter&, const protocol::ProtocolContext&)>& body,
                       const Value* key = nullptr) const;
    // As call(), without waiting for the response.
    net::PendingResponse call_async(OpCode op, std::int32_t cache_id, const std::optional<protocol::ExpiryPolicy>& expiry,
                                    const std::function<void(protocol::ByteWriter&, const protocol::ProtocolContext&)>& body,
                                    const Value* key = nullptr) const;
    // Binary type metadata: registered with the cluster once per (type, schema); fetched on demand.
    void ensure_registered(const protocol::BinaryTypeMetadata& metadata);
    std::optional<protocol::BinaryTypeMetadata> type_metadata(std::int32_t type_id) const;

    // A request that is not a cache-data operation (no cache header).
    net::Response call_plain(OpCode op, const net::PayloadWriter& body,
                             const std::shared_ptr<net::Channel>& channel = nullptr) const;
};

// Registers/unregisters the thread's active transaction.
void set_current_tx(TxState* tx);

struct SqlCursorState {
    std::shared_ptr<ClientState> client;
    std::shared_ptr<net::Channel> channel;  // pages come from the connection that holds the cursor
    std::int64_t cursor_id = 0;
    bool server_open = false;                // false once the server released it (last page sent)
    std::vector<std::string> names;
    protocol::SqlPage page;
    std::size_t row = 0;
    std::optional<std::int64_t> max_rows;
    std::int64_t delivered = 0;
    bool started = false;
    bool done = false;
};

struct ScanCursorState {
    std::shared_ptr<ClientState> client;
    std::shared_ptr<net::Channel> channel;
    std::int64_t cursor_id = 0;
    bool server_open = false;
    std::vector<std::pair<Value, Value>> page;
    std::size_t row = 0;
    bool started = false;
    bool done = false;
};

// Closes a server-side cursor that is still open; errors are swallowed (it is cleanup).
void close_cursor(const ClientState& client, const std::shared_ptr<net::Channel>& channel, std::int64_t id) noexcept;

}  // namespace kindling::kvapi::detail
