#include "server_metadata.hpp"

#include "handles.hpp"
#include "metadata.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::odbc {

namespace odbc_flavour = protocol::odbc_flavour;

ColumnInfo column_from_meta(const odbc_flavour::ColumnMeta& m) {
    ColumnInfo c;
    c.name = m.column;
    c.schema = m.schema;
    c.table = m.table;
    describe_type_code(m.type, c);
    // Type codes without an SQL counterpart (103 for an always-NULL expression or a Java object)
    // leave the column to be typed by its values.
    c.type_known = m.type != TypeCode::Null && m.type != TypeCode::Complex && c.type_known;
    switch (c.sql_type) {
        case SQL_DECIMAL:
            if (m.precision > 0) c.column_size = static_cast<SQLULEN>(m.precision);
            if (m.scale >= 0) c.decimal_digits = static_cast<SQLSMALLINT>(std::min(m.scale, 32767));
            break;
        case SQL_VARCHAR: case SQL_CHAR: case SQL_VARBINARY:
            // -1 or 0: no declared length; H2 says Integer.MAX_VALUE itself for unbounded VARCHAR.
            c.column_size = m.precision > 0 ? static_cast<SQLULEN>(m.precision) : kUnboundedLength;
            break;
        case SQL_TYPE_TIMESTAMP:
            // H2 says TIMESTAMP(26, 6), while Ignite's values carry nanoseconds (measured: .123456789
            // reaches JDBC and ODBC alike): the description stays 29/9 so no typed client drops digits.
            break;
        default:
            break;
    }
    c.nullable = m.nullability == 0 ? SQL_NO_NULLS : m.nullability == 1 ? SQL_NULLABLE : SQL_NULLABLE_UNKNOWN;
    return c;
}

ServerMetadata::ServerMetadata(Connection& conn, net::ClientOptions options)
    : conn_(conn), settings_(conn.settings), options_(std::move(options)) {}

net::SequentialConnection& ServerMetadata::session() {
    if (session_ && session_->alive()) return *session_;
    session_.reset();
    odbc_flavour::Handshake h;
    h.flags() = settings_.sql_flags;
    h.username = settings_.user;
    h.password = settings_.password;
    auto frame = odbc_flavour::encode_handshake(h);
    std::string failures;
    for (const auto& e : options_.endpoints) {
        for (std::uint32_t port = e.port; port <= std::max<std::uint32_t>(e.port, e.last_port); ++port) {
            try {
                auto s = net::SequentialConnection::open(e.host, static_cast<std::uint16_t>(port), options_, frame);
                auto res = odbc_flavour::decode_handshake(s->handshake_reply());
                if (res.success) {
                    session_ = std::move(s);
                    if (conn_.log) conn_.log->debug("metadata connection (ODBC flavour) to " + e.host + ":" + std::to_string(port) + " opened");
                    return *session_;
                }
                failures += " " + e.host + ":" + std::to_string(port) + ": " + res.message + ";";
            } catch (const Error& err) {
                failures += " " + e.host + ":" + std::to_string(port) + ": " + err.what() + ";";
            }
        }
    }
    unavailable_ = true;
    if (conn_.log) conn_.log->info("no node answers in the ODBC flavour (metadata from SYS views and values instead):" + failures);
    throw ConnectionError("no node answers in the ODBC flavour:" + failures);
}

bool ServerMetadata::available() {
    if (unavailable_) return false;
    try {
        session();
        return true;
    } catch (const Error&) {
        return false;
    }
}

template <class Decoded>
Decoded ServerMetadata::exchange(const std::vector<std::uint8_t>& frame, Decoded (*decode)(std::span<const std::uint8_t>)) {
    // A connection that died since its last use is reopened once; a statement error is the
    // statement's, and the session survives it.
    for (int attempt = 0;; ++attempt) {
        auto& s = session();
        try {
            auto reply = s.exchange(frame);
            return decode(reply);
        } catch (const SqlError&) {
            throw;
        } catch (const ConnectionError&) {
            if (attempt > 0) throw;
        }
    }
}

std::optional<std::vector<ColumnInfo>> ServerMetadata::result_columns(const std::string& sql) {
    if (auto it = columns_.find(sql); it != columns_.end()) return it->second;
    if (!available()) return std::nullopt;
    std::vector<odbc_flavour::ColumnMeta> meta;
    try {
        meta = exchange(odbc_flavour::encode_result_set_metadata_request(settings_.schema, sql), &odbc_flavour::decode_result_set_metadata);
    } catch (const ConnectionError&) {
        return std::nullopt;
    } catch (const ProtocolError&) {
        return std::nullopt;
    }
    std::vector<ColumnInfo> cols;
    cols.reserve(meta.size());
    for (const auto& m : meta) cols.push_back(column_from_meta(m));
    // H2 describes UUID columns as byte[]: a table column SYS.TABLE_COLUMNS calls java.util.UUID
    // is one (before execution no value can say so).
    for (std::size_t i = 0; i < cols.size(); ++i) {
        if (cols[i].sql_type != SQL_VARBINARY || meta[i].table.empty()) continue;
        for (const auto& tc : table_columns_of(conn_, cols[i].schema, cols[i].table))
            if (tc.name == meta[i].column && tc.sql_type == SQL_GUID) describe_type_code(TypeCode::Uuid, cols[i]);
    }
    return columns_.emplace(sql, std::move(cols)).first->second;
}

std::optional<std::vector<TypeCode>> ServerMetadata::parameter_types(const std::string& sql) {
    if (auto it = params_.find(sql); it != params_.end()) return it->second;
    if (!available()) return std::nullopt;
    std::vector<TypeCode> types;
    try {
        types = exchange(odbc_flavour::encode_parameters_metadata_request(settings_.schema, sql), &odbc_flavour::decode_parameters_metadata);
    } catch (const ConnectionError&) {
        return std::nullopt;
    } catch (const ProtocolError&) {
        return std::nullopt;
    }
    return params_.emplace(sql, std::move(types)).first->second;
}

odbc_flavour::BatchResult ServerMetadata::execute_batch(const std::string& sql, std::size_t params_per_row,
                                                        std::span<const std::vector<Value>> rows, std::int32_t timeout_s) {
    odbc_flavour::BatchRequest req;
    req.schema = settings_.schema;
    req.sql = sql;
    req.params_per_row = params_per_row;
    req.rows = rows;
    req.timeout_s = timeout_s;
    auto frame = odbc_flavour::encode_batch(req);
    // Never repeated on a new connection: the rows may have been applied.
    auto& s = session();
    return odbc_flavour::decode_batch(s.exchange(frame));
}

}  // namespace kindling::odbc
