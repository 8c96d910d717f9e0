#include "kindling/kvapi/cache.hpp"

#include "kindling/kvapi/async_cache.hpp"

#include "detail.hpp"
#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/java_hash.hpp"

namespace kindling::kvapi {

namespace {
using protocol::ByteWriter;
using protocol::ProtocolContext;

void write_values(ByteWriter& w, const std::vector<Value>& vs) {
    w.write_i32(static_cast<std::int32_t>(vs.size()));
    for (const auto& v : vs) protocol::write_value(w, v);
}
}  // namespace

Cache::Cache(std::shared_ptr<detail::ClientState> state, std::string name)
    : state_(std::move(state)), name_(std::move(name)), id_(protocol::cache_id(name_)) {}

Cache Cache::with_expiry(ExpiryPolicy policy) const {
    Cache c = *this;
    c.expiry_ = policy;
    return c;
}

std::optional<Value> Cache::get_value(const Value& key) const {
    auto resp = state_->call(OpCode::CacheGet, id_, expiry_,
                             [&](ByteWriter& w, const ProtocolContext&) { protocol::write_value(w, key); }, &key);
    auto r = resp.reader();
    auto v = protocol::read_value(r);
    if (v.is_null()) return std::nullopt;
    return v;
}

std::future<std::optional<Value>> Cache::get_value_async(const Value& key) const {
    auto pending = state_->call_async(OpCode::CacheGet, id_, expiry_,
                                      [&](ByteWriter& w, const ProtocolContext&) { protocol::write_value(w, key); }, &key);
    return std::async(std::launch::deferred, [p = std::move(pending)]() mutable -> std::optional<Value> {
        auto resp = p.get();
        auto r = resp.reader();
        auto v = protocol::read_value(r);
        if (v.is_null()) return std::nullopt;
        return v;
    });
}

std::future<void> Cache::put_value_async(const Value& key, const Value& value) const {
    auto pending = state_->call_async(OpCode::CachePut, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        protocol::write_value(w, key);
        protocol::write_value(w, value);
    }, &key);
    return std::async(std::launch::deferred, [p = std::move(pending)]() mutable { p.get(); });
}

void Cache::put_value(const Value& key, const Value& value) const {
    state_->call(OpCode::CachePut, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        protocol::write_value(w, key);
        protocol::write_value(w, value);
    }, &key);
}

std::vector<std::pair<Value, Value>> Cache::get_all_values(const std::vector<Value>& keys) const {
    auto resp = state_->call(OpCode::CacheGetAll, id_, expiry_,
                             [&](ByteWriter& w, const ProtocolContext&) { write_values(w, keys); });
    auto r = resp.reader();
    auto n = r.read_length(2);
    std::vector<std::pair<Value, Value>> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto k = protocol::read_value(r);
        auto v = protocol::read_value(r);
        out.emplace_back(std::move(k), std::move(v));
    }
    return out;
}

void Cache::put_all_values(const std::vector<std::pair<Value, Value>>& entries) const {
    state_->call(OpCode::CachePutAll, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        w.write_i32(static_cast<std::int32_t>(entries.size()));
        for (const auto& [k, v] : entries) {
            protocol::write_value(w, k);
            protocol::write_value(w, v);
        }
    });
}

bool Cache::contains_keys_values(const std::vector<Value>& keys) const {
    auto resp = state_->call(OpCode::CacheContainsKeys, id_, expiry_,
                             [&](ByteWriter& w, const ProtocolContext&) { write_values(w, keys); });
    return resp.reader().read_bool();
}

void Cache::remove_keys_values(const std::vector<Value>& keys) const {
    state_->call(OpCode::CacheRemoveKeys, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) { write_values(w, keys); });
}

void Cache::clear_keys_values(const std::vector<Value>& keys) const {
    state_->call(OpCode::CacheClearKeys, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) { write_values(w, keys); });
}

Value Cache::kv_op_value(OpCode op, const Value& key, const Value& value) const {
    auto resp = state_->call(op, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        protocol::write_value(w, key);
        protocol::write_value(w, value);
    }, &key);
    auto r = resp.reader();
    return protocol::read_value(r);
}

bool Cache::kv_op_bool(OpCode op, const Value& key, const Value& value) const {
    auto resp = state_->call(op, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        protocol::write_value(w, key);
        protocol::write_value(w, value);
    }, &key);
    return resp.reader().read_bool();
}

bool Cache::key_op_bool(OpCode op, const Value& key) const {
    auto resp = state_->call(op, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) { protocol::write_value(w, key); }, &key);
    return resp.reader().read_bool();
}

Value Cache::key_op_value(OpCode op, const Value& key) const {
    auto resp = state_->call(op, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) { protocol::write_value(w, key); }, &key);
    auto r = resp.reader();
    return protocol::read_value(r);
}

void Cache::key_op_void(OpCode op, const Value& key) const {
    state_->call(op, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) { protocol::write_value(w, key); }, &key);
}

bool Cache::replace_if_equals_value(const Value& key, const Value& expected, const Value& value) const {
    auto resp = state_->call(OpCode::CacheReplaceIfEquals, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        protocol::write_value(w, key);
        protocol::write_value(w, expected);
        protocol::write_value(w, value);
    }, &key);
    return resp.reader().read_bool();
}

void Cache::remove_all() const {
    state_->call(OpCode::CacheRemoveAll, id_, expiry_, [](ByteWriter&, const ProtocolContext&) {});
}

void Cache::clear() const {
    state_->call(OpCode::CacheClear, id_, expiry_, [](ByteWriter&, const ProtocolContext&) {});
}

std::int64_t Cache::get_size(std::vector<PeekMode> modes) const {
    auto resp = state_->call(OpCode::CacheGetSize, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        w.write_i32(static_cast<std::int32_t>(modes.size()));
        for (auto m : modes) w.write_i8(static_cast<std::int8_t>(m));
    });
    return resp.reader().read_i64();
}

std::optional<Value> Cache::local_peek(const Value& key, std::vector<PeekMode> modes) const {
    auto resp = state_->call(OpCode::CacheLocalPeek, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        protocol::write_value(w, key);
        w.write_i32(static_cast<std::int32_t>(modes.size()));
        for (auto m : modes) w.write_i8(static_cast<std::int8_t>(m));
    }, &key);
    auto r = resp.reader();
    auto v = protocol::read_value(r);
    if (v.is_null()) return std::nullopt;
    return v;
}

CacheConfiguration Cache::configuration() const {
    std::shared_ptr<net::Channel> ch = state_->net->acquire_channel();
    auto resp = state_->call_plain(OpCode::CacheGetConfiguration, [&](ByteWriter& w, const ProtocolContext&) {
        w.write_i32(id_);
        w.write_u8(0);
    }, ch);
    auto r = resp.reader();
    return CacheConfiguration::decode(r, ch->context());
}

void Cache::destroy() const {
    state_->call_plain(OpCode::CacheDestroy, [&](ByteWriter& w, const ProtocolContext&) { w.write_i32(id_); });
}

}  // namespace kindling::kvapi

namespace kindling::kvapi {

void Cache::ensure_registered(const protocol::BinaryTypeMetadata& metadata) const { state_->ensure_registered(metadata); }

std::optional<protocol::BinaryTypeMetadata> Cache::fetch_metadata(std::int32_t type_id) const { return state_->type_metadata(type_id); }

}  // namespace kindling::kvapi

namespace kindling::kvapi {

namespace {
using protocol::ByteWriter;
using protocol::ProtocolContext;
}  // namespace

AsyncCache Cache::async() const { return AsyncCache(*this); }

net::PendingResponse Cache::send_plain(OpCode op) const {
    return state_->call_async(op, id_, expiry_, [](ByteWriter&, const ProtocolContext&) {});
}

net::PendingResponse Cache::send_key(OpCode op, const Value& key) const {
    return state_->call_async(op, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) { protocol::write_value(w, key); }, &key);
}

net::PendingResponse Cache::send_kv(OpCode op, const Value& key, const Value& value) const {
    return state_->call_async(op, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        protocol::write_value(w, key);
        protocol::write_value(w, value);
    }, &key);
}

net::PendingResponse Cache::send_kvv(OpCode op, const Value& key, const Value& a, const Value& b) const {
    return state_->call_async(op, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        protocol::write_value(w, key);
        protocol::write_value(w, a);
        protocol::write_value(w, b);
    }, &key);
}

net::PendingResponse Cache::send_keys(OpCode op, const std::vector<Value>& keys) const {
    return state_->call_async(op, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        w.write_i32(static_cast<std::int32_t>(keys.size()));
        for (const auto& k : keys) protocol::write_value(w, k);
    });
}

net::PendingResponse Cache::send_entries(OpCode op, const std::vector<std::pair<Value, Value>>& entries) const {
    return state_->call_async(op, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        w.write_i32(static_cast<std::int32_t>(entries.size()));
        for (const auto& [k, v] : entries) {
            protocol::write_value(w, k);
            protocol::write_value(w, v);
        }
    });
}

net::PendingResponse Cache::send_size(std::vector<PeekMode> modes) const {
    return state_->call_async(OpCode::CacheGetSize, id_, expiry_, [&](ByteWriter& w, const ProtocolContext&) {
        w.write_i32(static_cast<std::int32_t>(modes.size()));
        for (auto m : modes) w.write_i8(static_cast<std::int8_t>(m));
    });
}

}  // namespace kindling::kvapi
