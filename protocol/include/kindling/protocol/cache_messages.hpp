#pragma once
// The key-value operations of a cache (ops 1000-1021, facts §3): one message per operation, each
// starting with the CacheHeader (cache id, expiry policy, transaction id). Keys and values are full
// binary objects; a value the server answers NULL for ("no entry") decodes as std::nullopt.
//
//   auto old = net::call(client, protocol::CacheGetAndPut{header, key, value}, route);  // optional<Value>
//
// Every message owns its data: an asynchronous request may be encoded again on retry.
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

// CachePeekMode ordinals (one byte each on the wire). OP_CACHE_GET_SIZE takes them;
// OP_CACHE_LOCAL_PEEK reads and ignores them (see CacheLocalPeek).
enum class PeekMode : std::int8_t { All = 0, Near = 1, Primary = 2, Backup = 3, Onheap = 4, Offheap = 5 };

using KeyValuePairs = std::vector<std::pair<Value, Value>>;

// The reply decoders the messages share.
std::optional<Value> decode_optional_value(ByteReader& r);  // NULL -> nullopt
bool decode_bool_reply(ByteReader& r);

// --- one key ---------------------------------------------------------------------------------

struct CacheGet {
    static constexpr OpCode op = OpCode::CacheGet;
    CacheHeader header;
    Value key;
    using Reply = std::optional<Value>;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_optional_value(r); }
};

struct CacheContainsKey {
    static constexpr OpCode op = OpCode::CacheContainsKey;
    CacheHeader header;
    Value key;
    using Reply = bool;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_bool_reply(r); }
};

struct CacheGetAndRemove {
    static constexpr OpCode op = OpCode::CacheGetAndRemove;
    CacheHeader header;
    Value key;
    using Reply = std::optional<Value>;  // the removed value
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_optional_value(r); }
};

struct CacheRemoveKey {
    static constexpr OpCode op = OpCode::CacheRemoveKey;
    CacheHeader header;
    Value key;
    using Reply = bool;  // whether there was an entry
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_bool_reply(r); }
};

struct CacheClearKey {
    static constexpr OpCode op = OpCode::CacheClearKey;
    CacheHeader header;
    Value key;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

// The server reads the peek modes and ignores them (ClientCacheLocalPeekRequest peeks ALL):
// measured on 2.17, a partitioned cache without backups answers BACKUP exactly as PRIMARY.
struct CacheLocalPeek {
    static constexpr OpCode op = OpCode::CacheLocalPeek;
    CacheHeader header;
    Value key;
    std::vector<PeekMode> modes;
    using Reply = std::optional<Value>;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_optional_value(r); }
};

// --- key and value ---------------------------------------------------------------------------

struct CachePut {
    static constexpr OpCode op = OpCode::CachePut;
    CacheHeader header;
    Value key;
    Value value;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

struct CachePutIfAbsent {
    static constexpr OpCode op = OpCode::CachePutIfAbsent;
    CacheHeader header;
    Value key;
    Value value;
    using Reply = bool;  // whether it was put
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_bool_reply(r); }
};

struct CacheGetAndPut {
    static constexpr OpCode op = OpCode::CacheGetAndPut;
    CacheHeader header;
    Value key;
    Value value;
    using Reply = std::optional<Value>;  // the previous value
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_optional_value(r); }
};

struct CacheGetAndReplace {
    static constexpr OpCode op = OpCode::CacheGetAndReplace;
    CacheHeader header;
    Value key;
    Value value;
    using Reply = std::optional<Value>;  // the previous value; nullopt: nothing was replaced
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_optional_value(r); }
};

struct CacheGetAndPutIfAbsent {
    static constexpr OpCode op = OpCode::CacheGetAndPutIfAbsent;
    CacheHeader header;
    Value key;
    Value value;
    using Reply = std::optional<Value>;  // the value already there; nullopt: `value` was put
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_optional_value(r); }
};

struct CacheReplace {
    static constexpr OpCode op = OpCode::CacheReplace;
    CacheHeader header;
    Value key;
    Value value;
    using Reply = bool;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_bool_reply(r); }
};

struct CacheRemoveIfEquals {
    static constexpr OpCode op = OpCode::CacheRemoveIfEquals;
    CacheHeader header;
    Value key;
    Value expected;
    using Reply = bool;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_bool_reply(r); }
};

struct CacheReplaceIfEquals {
    static constexpr OpCode op = OpCode::CacheReplaceIfEquals;
    CacheHeader header;
    Value key;
    Value expected;
    Value value;
    using Reply = bool;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_bool_reply(r); }
};

// --- many keys -------------------------------------------------------------------------------

struct CacheGetAll {
    static constexpr OpCode op = OpCode::CacheGetAll;
    CacheHeader header;
    std::vector<Value> keys;
    using Reply = KeyValuePairs;  // only the keys that have an entry, in the server's order
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext& ctx);
};

struct CachePutAll {
    static constexpr OpCode op = OpCode::CachePutAll;
    CacheHeader header;
    KeyValuePairs entries;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

struct CacheContainsKeys {
    static constexpr OpCode op = OpCode::CacheContainsKeys;
    CacheHeader header;
    std::vector<Value> keys;
    using Reply = bool;  // true when every key has an entry
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return decode_bool_reply(r); }
};

struct CacheClearKeys {
    static constexpr OpCode op = OpCode::CacheClearKeys;
    CacheHeader header;
    std::vector<Value> keys;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

struct CacheRemoveKeys {
    static constexpr OpCode op = OpCode::CacheRemoveKeys;
    CacheHeader header;
    std::vector<Value> keys;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

// --- the whole cache -------------------------------------------------------------------------

struct CacheClear {
    static constexpr OpCode op = OpCode::CacheClear;
    CacheHeader header;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const { header.encode(w, ctx); }
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

struct CacheRemoveAll {
    static constexpr OpCode op = OpCode::CacheRemoveAll;
    CacheHeader header;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const { header.encode(w, ctx); }
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

struct CacheGetSize {
    static constexpr OpCode op = OpCode::CacheGetSize;
    CacheHeader header;
    std::vector<PeekMode> modes;  // empty: the server's default (ALL)
    using Reply = std::int64_t;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext&) { return r.read_i64(); }
};

}  // namespace kindling::protocol
