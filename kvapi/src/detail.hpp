#pragma once
// Shared state behind Client, Cache, Transaction and cursors (not part of the public API).
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>

#include "kindling/kvapi/client.hpp"
#include "kindling/net/channel.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/net/cursor.hpp"
#include "kindling/net/server_transaction.hpp"
#include "kindling/net/typed_call.hpp"
#include "kindling/protocol/binary_object.hpp"
#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/request.hpp"
#include "kindling/protocol/sql_fields_query.hpp"

namespace kindling::kvapi::detail {

struct ClientState;

// Rethrows the exception in flight as the same type with `prefix` before its message.
[[noreturn]] void rethrow_with_prefix(const std::string& prefix);

struct TxState {
    std::shared_ptr<ClientState> client;
    // Started and ended exactly once by the shared primitive; touched only by whoever wins `active`.
    net::ServerTransaction server;
    std::shared_ptr<net::Channel> channel;  // server.channel(), kept here: read by the owner while another thread may end it
    std::int32_t id = 0;                    // server.id()
    std::string label;
    std::thread::id owner;                  // the thread it is bound to
    std::atomic<bool> active{true};
    std::atomic<bool> ended_elsewhere{false};  // rolled back by a thread other than `owner`

    // "transaction 'label' (id 7)": the prefix errors inside it carry.
    std::string describe() const { return "transaction '" + label + "' (id " + std::to_string(id) + ")"; }
};

struct ClientState {
    std::shared_ptr<net::ClusterClient> net;
    ClientConfiguration config;

    std::mutex types_mu;
    std::set<std::pair<std::int32_t, std::int32_t>> registered_schemas;  // (type id, schema id)

    // The open transactions of this client, by the thread they are bound to. Weak: a Transaction
    // object that goes away leaves no dangling binding.
    mutable std::mutex tx_mu;
    std::unordered_map<std::thread::id, std::weak_ptr<TxState>> tx_by_thread;

    // The transaction the calling thread has open on this client, if any. Throws TransactionError
    // when another thread ended it while it is still bound here.
    std::shared_ptr<TxState> current_tx() const;
    void bind(const std::shared_ptr<TxState>& tx);
    void unbind(const TxState& tx);

    // Where a cache-data request goes and the header it carries: the calling thread's transaction
    // (if any) pins it to the transaction's connection and puts its id in the header; otherwise
    // partition-aware routing by `key`.
    struct CacheTarget {
        protocol::CacheHeader header;
        net::Route route;
        std::shared_ptr<TxState> tx;
    };
    CacheTarget cache_target(std::int32_t cache_id, const std::optional<protocol::ExpiryPolicy>& expiry, const Value* key) const;

    // Sends one cache-data message (its header filled in here, routed by its key if it has one);
    // inside a transaction errors name the transaction (keeping their type).
    template <class M>
    typename M::Reply cache_call(M message, std::int32_t cache_id, const std::optional<protocol::ExpiryPolicy>& expiry) const {
        const Value* key = nullptr;
        if constexpr (requires(M& m) { m.key; }) key = &message.key;
        auto target = cache_target(cache_id, expiry, key);
        message.header = target.header;
        if (!target.tx) return net::call(*net, message, target.route);
        try {
            return net::call(*net, message, target.route);
        } catch (const Error&) {
            rethrow_with_prefix(target.tx->describe() + ": ");
        }
    }

    // A request that is not a cache-data operation (no cache header), on `channel` if given.
    template <class M>
    typename M::Reply call(const M& message, const std::shared_ptr<net::Channel>& channel = nullptr) const {
        net::Route route;
        route.channel = channel;
        return net::call(*net, message, route);
    }

    // Binary type metadata: registered with the cluster once per (type, schema); fetched on demand.
    void ensure_registered(const protocol::BinaryTypeMetadata& metadata);
    std::optional<protocol::BinaryTypeMetadata> type_metadata(std::int32_t type_id) const;
};


// UsageError checks, before anything is sent.
void require_name(const std::string& name, const char* what);
void require_not_negative(std::chrono::milliseconds d, const char* what);
void require_positive(std::int64_t n, const char* what);

struct SqlCursorState {
    net::SqlFieldsCursor cursor;             // pages, the pinned channel, close exactly once
    std::size_t row = 0;
    SqlRow current;                          // the row the iterator points at, moved out of the page
    std::optional<std::int64_t> max_rows;
    std::int64_t delivered = 0;
    bool started = false;
    bool done = false;
};

struct ScanCursorState {
    net::QueryCursor cursor;
    std::vector<std::pair<Value, Value>> page;
    std::size_t row = 0;
    bool started = false;
    bool done = false;
};

}  // namespace kindling::kvapi::detail
