#pragma once
// Creating, describing and destroying caches (ops 1051-1056, facts §3, §5). A name with `*`
// applies the server's cache template of that name.
#include <cstdint>
#include <string>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/cache_configuration.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/request.hpp"

namespace kindling::protocol {

// Fails with status 1001 (CACHE_EXISTS) when the cache exists.
struct CacheCreateWithName {
    static constexpr OpCode op = OpCode::CacheCreateWithName;
    std::string name;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

struct CacheGetOrCreateWithName {
    static constexpr OpCode op = OpCode::CacheGetOrCreateWithName;
    std::string name;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

struct CacheCreateWithConfiguration {
    static constexpr OpCode op = OpCode::CacheCreateWithConfiguration;
    CacheConfiguration configuration;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const { configuration.encode(w, ctx); }
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

// An existing cache is returned as it is: the configuration is not compared or applied.
struct CacheGetOrCreateWithConfiguration {
    static constexpr OpCode op = OpCode::CacheGetOrCreateWithConfiguration;
    CacheConfiguration configuration;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext& ctx) const { configuration.encode(w, ctx); }
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

struct CacheGetConfiguration {
    static constexpr OpCode op = OpCode::CacheGetConfiguration;
    std::int32_t cache_id = 0;
    using Reply = CacheConfiguration;  // every property set
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    static Reply decode(ByteReader& r, const ProtocolContext& ctx) { return CacheConfiguration::decode(r, ctx); }
};

// The cache id only: unlike the other cache ops, no flags byte follows it.
struct CacheDestroy {
    static constexpr OpCode op = OpCode::CacheDestroy;
    std::int32_t cache_id = 0;
    using Reply = NoReply;
    void encode(ByteWriter& w, const ProtocolContext&) const { w.write_i32(cache_id); }
    static Reply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

static_assert(Message<CacheCreateWithName> && Message<CacheGetOrCreateWithName> &&
              Message<CacheCreateWithConfiguration> && Message<CacheGetOrCreateWithConfiguration> &&
              Message<CacheGetConfiguration> && Message<CacheDestroy>);

}  // namespace kindling::protocol
