#include "detail.hpp"

#include "kindling/protocol/errors.hpp"

namespace kindling::kvapi::detail {

namespace {
thread_local TxState* t_current_tx = nullptr;
}

void set_current_tx(TxState* tx) { t_current_tx = tx; }

TxState* ClientState::current_tx() const {
    auto* tx = t_current_tx;
    return tx && tx->active && tx->client.get() == this ? tx : nullptr;
}

namespace {

// What every cache-data request needs: its header (with the thread's transaction, if any) and
// where it goes (the transaction's connection, else partition-aware routing by key).
struct Prepared {
    protocol::CacheHeader header;
    net::Route route;
    TxState* tx = nullptr;
};

Prepared prepare(const ClientState& st, std::int32_t cache_id, const std::optional<protocol::ExpiryPolicy>& expiry,
                 const Value* key) {
    Prepared p;
    p.header.cache_id = cache_id;
    p.header.expiry = expiry;
    p.route.cache_id = cache_id;
    p.route.key = key;
    p.tx = st.current_tx();
    if (p.tx) {
        p.header.tx_id = p.tx->id;
        p.route.channel = p.tx->channel;
    }
    return p;
}

}  // namespace

net::Response ClientState::call(OpCode op, std::int32_t cache_id, const std::optional<protocol::ExpiryPolicy>& expiry,
                                const std::function<void(protocol::ByteWriter&, const protocol::ProtocolContext&)>& body,
                                const Value* key) const {
    auto p = prepare(*this, cache_id, expiry, key);
    auto payload = [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
        p.header.encode(w, ctx);
        body(w, ctx);
    };
    if (!p.tx) return net->request(op, payload, p.route);
    try {
        return net->request(op, payload, p.route);
    } catch (const TransactionError& e) {
        throw TransactionError("transaction '" + p.tx->label + "' (id " + std::to_string(p.tx->id) + "): " + e.what(),
                               e.server_status());
    } catch (const CacheError& e) {
        throw TransactionError("transaction '" + p.tx->label + "' (id " + std::to_string(p.tx->id) + "): " + e.what(),
                               e.server_status());
    }
}

net::PendingResponse ClientState::call_async(OpCode op, std::int32_t cache_id, const std::optional<protocol::ExpiryPolicy>& expiry,
                                            const std::function<void(protocol::ByteWriter&, const protocol::ProtocolContext&)>& body,
                                            const Value* key) const {
    auto p = prepare(*this, cache_id, expiry, key);
    return net->request_async(op, [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
        p.header.encode(w, ctx);
        body(w, ctx);
    }, p.route);
}

net::Response ClientState::call_plain(OpCode op, const net::PayloadWriter& body,
                                      const std::shared_ptr<net::Channel>& channel) const {
    net::Route route;
    route.channel = channel;
    return net->request(op, body, route);
}

void ClientState::ensure_registered(const protocol::BinaryTypeMetadata& metadata) {
    std::pair<std::int32_t, std::int32_t> key{metadata.type_id, metadata.schemas.empty() ? 0 : metadata.schemas.front().schema_id};
    {
        std::lock_guard lock(types_mu);
        if (registered_schemas.count(key)) return;
    }
    call_plain(OpCode::BinaryTypePut, [&](protocol::ByteWriter& w, const protocol::ProtocolContext&) { metadata.encode(w); });
    std::lock_guard lock(types_mu);
    registered_schemas.insert(key);
}

std::optional<protocol::BinaryTypeMetadata> ClientState::type_metadata(std::int32_t type_id) const {
    auto resp = call_plain(OpCode::BinaryTypeGet, [&](protocol::ByteWriter& w, const protocol::ProtocolContext&) { w.write_i32(type_id); });
    auto r = resp.reader();
    if (!r.read_bool()) return std::nullopt;
    return protocol::BinaryTypeMetadata::decode(r);
}

void close_cursor(const ClientState& client, const std::shared_ptr<net::Channel>& channel, std::int64_t id) noexcept {
    try {
        client.call_plain(OpCode::ResourceClose,
                          [id](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::encode_resource_id(w, id); },
                          channel);
    } catch (...) {
        // The connection may be gone, and with it the cursor.
    }
}

}  // namespace kindling::kvapi::detail
