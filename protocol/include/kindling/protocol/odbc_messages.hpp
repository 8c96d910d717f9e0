#pragma once
// The client connector's ODBC flavour (handshake client type 0), sans-io: the messages Kindling's
// ODBC driver needs that the thin-client flavour lacks — result-set and parameter metadata as the
// server's SQL engine computes them, and batched execution of one statement over many argument
// sets (the server plans once). Layouts: facts §11 and OdbcMessageParser/OdbcColumnMeta of the
// 2.17 server; verified against a live 2.17.0 node (tests/unit/odbc_messages_test.cpp).
//
// Framing differs from the thin flavour: a request is length + command byte + payload, with no
// request id (the server answers in order); a reply is length + int32 status (0 = success, else an
// IgniteQueryErrorCode and a message string) + payload. Values are typed binary objects.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/sql_flags.hpp"
#include "kindling/protocol/type_code.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol::odbc_flavour {

// 2.13.0 is the newest the 2.17 server accepts (2.8.0 added nullability, 2.13.0 the engine name).
inline constexpr ProtocolVersion kVersion{2, 13, 0};

enum class Command : std::uint8_t {
    Handshake = 1,
    ExecuteQuery = 2,
    FetchPage = 3,
    CloseQuery = 4,
    ParametersMetadata = 7,
    ExecuteBatch = 8,
    MoreResults = 9,
    ResultSetMetadata = 11,
};

// The connection's SQL flags are the SqlFlags base (ODBC-flavour requests carry none of their own).
struct Handshake : SqlFlags {
    SqlFlags& flags() noexcept { return *this; }
    const SqlFlags& flags() const noexcept { return *this; }
    bool operator==(const Handshake&) const = delete;
    std::string username;  // empty: no credentials
    std::string password;
    std::optional<std::string> query_engine;  // nullopt: the server's default engine
};
// The whole frame, length prefix included.
std::vector<std::uint8_t> encode_handshake(const Handshake& h);

struct HandshakeResult {
    bool success = false;
    ProtocolVersion server_version;  // on failure: what the server offers (0.0.0 after an auth failure)
    std::string message;             // on failure
    std::int32_t status = 0;         // on failure: 2000 = authentication failed
};
HandshakeResult decode_handshake(std::span<const std::uint8_t> body);

// One result column as the server's engine describes it.
struct ColumnMeta {
    std::string schema;  // without the quotes the server adds ("PUBLIC" arrives as "\"PUBLIC\"")
    std::string table;   // empty for an expression
    std::string column;  // the label
    TypeCode type = TypeCode::Null;
    std::int32_t precision = -1;  // -1: unknown
    std::int32_t scale = -1;
    std::int8_t nullability = 2;  // java.sql.ResultSetMetaData: 0 no nulls, 1 nullable, 2 unknown
};

// META_RESULTSET: the columns a statement would return, without running it.
std::vector<std::uint8_t> encode_result_set_metadata_request(const std::string& schema, const std::string& sql);
std::vector<ColumnMeta> decode_result_set_metadata(std::span<const std::uint8_t> body);

// META_PARAMS: the type the engine infers for each '?' (TypeCode::Null when it cannot).
std::vector<std::uint8_t> encode_parameters_metadata_request(const std::string& schema, const std::string& sql);
std::vector<TypeCode> decode_parameters_metadata(std::span<const std::uint8_t> body);

// QRY_EXEC_BATCH: one statement, many argument sets, run by the server as one batched query.
struct BatchRequest {
    std::string schema = "PUBLIC";
    std::string sql;
    std::size_t params_per_row = 0;
    std::span<const std::vector<Value>> rows;  // each of params_per_row values
    bool last = true;
    std::int32_t timeout_s = 0;
    bool autocommit = true;
};
std::vector<std::uint8_t> encode_batch(const BatchRequest& r);

struct BatchResult {
    // Per row: the update count, or a negative value for a row that failed (-3, JDBC's
    // EXECUTE_FAILED). Empty when the batch failed as a whole before any row ran.
    std::vector<std::int64_t> affected;
    bool success = true;
    std::string error;           // when !success
    std::int32_t error_code = 0; // IgniteQueryErrorCode, when !success
};
BatchResult decode_batch(std::span<const std::uint8_t> body);

// Reads a reply's status; throws SqlError (with the SQLSTATE the message maps to) when it is not 0.
// Returns the offset of the payload.
std::size_t check_status(std::span<const std::uint8_t> body);

}  // namespace kindling::protocol::odbc_flavour
