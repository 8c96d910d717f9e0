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

net::Response ClientState::call(OpCode op, std::int32_t cache_id, const std::optional<protocol::ExpiryPolicy>& expiry,
                                const std::function<void(protocol::ByteWriter&, const protocol::ProtocolContext&)>& body,
                                const Value* key) const {
    protocol::CacheHeader hdr;
    hdr.cache_id = cache_id;
    hdr.expiry = expiry;
    net::Route route;
    route.cache_id = cache_id;
    route.key = key;
    auto* tx = current_tx();
    if (tx) {
        hdr.tx_id = tx->id;
        route.channel = tx->channel;
    }
    auto payload = [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
        hdr.encode(w, ctx);
        body(w, ctx);
    };
    if (!tx) return net->request(op, payload, route);
    try {
        return net->request(op, payload, route);
    } catch (const TransactionError& e) {
        throw TransactionError("transaction '" + tx->label + "' (id " + std::to_string(tx->id) + "): " + e.what(),
                               e.server_status());
    } catch (const CacheError& e) {
        throw TransactionError("transaction '" + tx->label + "' (id " + std::to_string(tx->id) + "): " + e.what(),
                               e.server_status());
    }
}

net::PendingResponse ClientState::call_async(OpCode op, std::int32_t cache_id, const std::optional<protocol::ExpiryPolicy>& expiry,
                                            const std::function<void(protocol::ByteWriter&, const protocol::ProtocolContext&)>& body,
                                            const Value* key) const {
    protocol::CacheHeader hdr;
    hdr.cache_id = cache_id;
    hdr.expiry = expiry;
    net::Route route;
    route.cache_id = cache_id;
    route.key = key;
    if (auto* tx = current_tx()) {
        hdr.tx_id = tx->id;
        route.channel = tx->channel;
    }
    return net->request_async(op, [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
        hdr.encode(w, ctx);
        body(w, ctx);
    }, route);
}

net::Response ClientState::call_plain(OpCode op, const net::PayloadWriter& body,
                                      const std::shared_ptr<net::Channel>& channel) const {
    net::Route route;
    route.channel = channel;
    return net->request(op, body, route);
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
