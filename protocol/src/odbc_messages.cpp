#include "kindling/protocol/odbc_messages.hpp"

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/sql_state.hpp"

namespace kindling::protocol::odbc_flavour {

namespace {

ByteWriter begin(Command c, std::size_t& slot) {
    ByteWriter w(64);
    slot = w.reserve_i32();
    w.write_u8(static_cast<std::uint8_t>(c));
    return w;
}

std::vector<std::uint8_t> finish(ByteWriter& w, std::size_t slot) {
    w.patch_i32(slot, static_cast<std::int32_t>(w.size() - 4));
    return std::move(w).take();
}

std::vector<std::uint8_t> schema_and_sql(Command c, const std::string& schema, const std::string& sql) {
    std::size_t slot;
    auto w = begin(c, slot);
    write_string(w, schema);
    write_string(w, sql);
    return finish(w, slot);
}

std::string unquoted(std::string s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
    return s;
}

}  // namespace

std::vector<std::uint8_t> encode_handshake(const Handshake& h) {
    std::size_t slot;
    auto w = begin(Command::Handshake, slot);
    w.write_i16(kVersion.major);
    w.write_i16(kVersion.minor);
    w.write_i16(kVersion.patch);
    w.write_u8(0);  // client type: ODBC
    w.write_bool(h.distributed_joins);
    w.write_bool(h.enforce_join_order);
    w.write_bool(h.replicated_only);
    w.write_bool(h.collocated);
    w.write_bool(h.lazy);
    w.write_bool(false);  // skipReducerOnUpdate
    if (h.username.empty()) {
        write_null(w);
        write_null(w);
    } else {
        write_string(w, h.username);
        write_string(w, h.password);
    }
    w.write_u8(3);  // nested transactions: error (the only mode the server accepts)
    write_nullable_string(w, h.query_engine);
    return finish(w, slot);
}

HandshakeResult decode_handshake(std::span<const std::uint8_t> body) {
    ByteReader r(body);
    HandshakeResult res;
    res.success = r.read_bool();
    if (res.success) return res;
    res.server_version.major = r.read_i16();
    res.server_version.minor = r.read_i16();
    res.server_version.patch = r.read_i16();
    res.message = read_string(r);
    if (r.remaining() >= 4) res.status = r.read_i32();
    return res;
}

std::size_t check_status(std::span<const std::uint8_t> body) {
    ByteReader r(body);
    auto status = r.read_i32();
    if (status == 0) return 4;
    auto message = read_string(r);
    throw SqlError(message, status, sql_state_from_message(message));
}

std::vector<std::uint8_t> encode_result_set_metadata_request(const std::string& schema, const std::string& sql) {
    return schema_and_sql(Command::ResultSetMetadata, schema, sql);
}

std::vector<ColumnMeta> decode_result_set_metadata(std::span<const std::uint8_t> body) {
    ByteReader r(body.subspan(check_status(body)));
    auto n = r.read_length(8);
    std::vector<ColumnMeta> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        ColumnMeta m;
        m.schema = unquoted(read_string(r));
        m.table = read_string(r);
        m.column = read_string(r);
        m.type = static_cast<TypeCode>(r.read_i8());
        m.precision = r.read_i32();
        m.scale = r.read_i32();
        m.nullability = r.read_i8();
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<std::uint8_t> encode_parameters_metadata_request(const std::string& schema, const std::string& sql) {
    return schema_and_sql(Command::ParametersMetadata, schema, sql);
}

std::vector<TypeCode> decode_parameters_metadata(std::span<const std::uint8_t> body) {
    ByteReader r(body.subspan(check_status(body)));
    auto v = read_value(r);
    auto bytes = v.get_if<ByteArray>();
    if (!bytes) throw ProtocolError("parameter metadata: expected a byte array, got type " + std::to_string(static_cast<int>(v.type_code())));
    std::vector<TypeCode> out;
    out.reserve(bytes->size());
    for (auto b : *bytes) out.push_back(static_cast<TypeCode>(b));
    return out;
}

std::vector<std::uint8_t> encode_batch(const BatchRequest& req) {
    std::size_t slot;
    auto w = begin(Command::ExecuteBatch, slot);
    write_string(w, req.schema);
    write_string(w, req.sql);
    w.write_i32(static_cast<std::int32_t>(req.params_per_row));
    w.write_i32(static_cast<std::int32_t>(req.rows.size()));
    w.write_bool(req.last);
    for (const auto& row : req.rows) {
        if (row.size() != req.params_per_row) throw ProtocolError("batch row with " + std::to_string(row.size()) + " values, expected " +
                                                                  std::to_string(req.params_per_row));
        for (const auto& v : row) write_value(w, v);
    }
    w.write_i32(req.timeout_s);
    w.write_bool(req.autocommit);
    return finish(w, slot);
}

BatchResult decode_batch(std::span<const std::uint8_t> body) {
    ByteReader r(body.subspan(check_status(body)));
    BatchResult res;
    res.success = r.read_bool();
    auto n = r.read_length(8);
    res.affected.reserve(n);
    for (std::size_t i = 0; i < n; ++i) res.affected.push_back(r.read_i64());
    if (!res.success) {
        r.read_i64();  // the failed set's index: always -1 on 2.x servers (per-row counts say which)
        res.error = read_string(r);
        if (r.remaining() >= 4) res.error_code = r.read_i32();
    }
    return res;
}

}  // namespace kindling::protocol::odbc_flavour
