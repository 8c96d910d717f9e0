#pragma once
// What a typed message is: one struct per operation that knows its op code, writes its payload
// (everything after op code and request id) and reads its reply. The engine in protocol/net frames
// and sends it; kvapi and the driver build messages and get replies, never bytes.
//
//   struct CacheGet {
//       static constexpr OpCode op = OpCode::CacheGet;
//       CacheHeader header;
//       Value key;
//       using Reply = Value;
//       void encode(ByteWriter& w, const ProtocolContext& ctx) const;
//       static Reply decode(ByteReader& r, const ProtocolContext& ctx);
//   };
//
// A message owns what it sends: an asynchronous request may be encoded again on another
// connection when the retry policy repeats it. `decode` may be static or a const member, for a
// reply whose layout depends on the request (SQL: whether column names were asked for).
#include <concepts>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/op_code.hpp"
#include "kindling/protocol/protocol_context.hpp"

namespace kindling::protocol {

// The reply of an operation that answers with nothing but its status.
struct NoReply {
    static NoReply decode(ByteReader&, const ProtocolContext&) { return {}; }
};

template <class M>
concept Message = requires(const M& m, ByteWriter& w, ByteReader& r, const ProtocolContext& ctx) {
    { M::op } -> std::convertible_to<OpCode>;
    typename M::Reply;
    m.encode(w, ctx);
    { m.decode(r, ctx) } -> std::convertible_to<typename M::Reply>;
};

}  // namespace kindling::protocol
