#include "kindling/protocol/cache_messages.hpp"

#include "kindling/protocol/binary_codec.hpp"

namespace kindling::protocol {

namespace {

void write_values(ByteWriter& w, const std::vector<Value>& vs) {
    w.write_i32(static_cast<std::int32_t>(vs.size()));
    for (const auto& v : vs) write_value(w, v);
}

void write_modes(ByteWriter& w, const std::vector<PeekMode>& modes) {
    w.write_i32(static_cast<std::int32_t>(modes.size()));
    for (auto m : modes) w.write_i8(static_cast<std::int8_t>(m));
}

template <class... V>
void header_then(ByteWriter& w, const ProtocolContext& ctx, const CacheHeader& h, const V&... values) {
    h.encode(w, ctx);
    (write_value(w, values), ...);
}

}  // namespace

std::optional<Value> decode_optional_value(ByteReader& r) {
    auto v = read_value(r);
    if (v.is_null()) return std::nullopt;
    return v;
}

bool decode_bool_reply(ByteReader& r) { return r.read_bool(); }

void CacheGet::encode(ByteWriter& w, const ProtocolContext& ctx) const { header_then(w, ctx, header, key); }
void CacheContainsKey::encode(ByteWriter& w, const ProtocolContext& ctx) const { header_then(w, ctx, header, key); }
void CacheGetAndRemove::encode(ByteWriter& w, const ProtocolContext& ctx) const { header_then(w, ctx, header, key); }
void CacheRemoveKey::encode(ByteWriter& w, const ProtocolContext& ctx) const { header_then(w, ctx, header, key); }
void CacheClearKey::encode(ByteWriter& w, const ProtocolContext& ctx) const { header_then(w, ctx, header, key); }

void CacheLocalPeek::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    header_then(w, ctx, header, key);
    write_modes(w, modes);
}

void CachePut::encode(ByteWriter& w, const ProtocolContext& ctx) const { header_then(w, ctx, header, key, value); }
void CachePutIfAbsent::encode(ByteWriter& w, const ProtocolContext& ctx) const { header_then(w, ctx, header, key, value); }
void CacheGetAndPut::encode(ByteWriter& w, const ProtocolContext& ctx) const { header_then(w, ctx, header, key, value); }
void CacheGetAndReplace::encode(ByteWriter& w, const ProtocolContext& ctx) const { header_then(w, ctx, header, key, value); }
void CacheGetAndPutIfAbsent::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    header_then(w, ctx, header, key, value);
}
void CacheReplace::encode(ByteWriter& w, const ProtocolContext& ctx) const { header_then(w, ctx, header, key, value); }
void CacheRemoveIfEquals::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    header_then(w, ctx, header, key, expected);
}
void CacheReplaceIfEquals::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    header_then(w, ctx, header, key, expected, value);
}

void CacheGetAll::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    header.encode(w, ctx);
    write_values(w, keys);
}

CacheGetAll::Reply CacheGetAll::decode(ByteReader& r, const ProtocolContext&) {
    auto n = r.read_length(2);  // each entry: at least two 1-byte objects
    Reply out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto k = read_value(r);
        auto v = read_value(r);
        out.emplace_back(std::move(k), std::move(v));
    }
    return out;
}

void CachePutAll::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    header.encode(w, ctx);
    w.write_i32(static_cast<std::int32_t>(entries.size()));
    for (const auto& [k, v] : entries) {
        write_value(w, k);
        write_value(w, v);
    }
}

void CacheContainsKeys::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    header.encode(w, ctx);
    write_values(w, keys);
}
void CacheClearKeys::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    header.encode(w, ctx);
    write_values(w, keys);
}
void CacheRemoveKeys::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    header.encode(w, ctx);
    write_values(w, keys);
}

void CacheGetSize::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    header.encode(w, ctx);
    write_modes(w, modes);
}

static_assert(Message<CacheGet> && Message<CacheContainsKey> && Message<CacheGetAndRemove> && Message<CacheRemoveKey> &&
              Message<CacheClearKey> && Message<CacheLocalPeek> && Message<CachePut> && Message<CachePutIfAbsent> &&
              Message<CacheGetAndPut> && Message<CacheGetAndReplace> && Message<CacheGetAndPutIfAbsent> &&
              Message<CacheReplace> && Message<CacheRemoveIfEquals> && Message<CacheReplaceIfEquals> &&
              Message<CacheGetAll> && Message<CachePutAll> && Message<CacheContainsKeys> && Message<CacheClearKeys> &&
              Message<CacheRemoveKeys> && Message<CacheClear> && Message<CacheRemoveAll> && Message<CacheGetSize>);

}  // namespace kindling::protocol
