#pragma once
// What the server's SQL engine knows about a statement, brought in over a companion connection
// in the client connector's ODBC flavour: the thin-client SQL reply carries only column names,
// while the ODBC flavour answers result-set metadata (type, precision, scale, nullability, origin)
// without running the statement, parameter types, and batched execution of one statement over
// many argument sets. Statements and cursors keep using the thin-client connection; this one is
// opened on first use and reopened once if it dies.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kindling/net/client_options.hpp"
#include "kindling/net/sequential_connection.hpp"
#include "kindling/protocol/odbc_messages.hpp"
#include "type_info.hpp"

namespace kindling::odbc {

struct ConnectionSettings;
class Connection;

class ServerMetadata {
public:
    ServerMetadata(Connection& conn, net::ClientOptions options);

    // nullopt when the server cannot be asked (the ODBC flavour is disabled on its connector, or
    // no node answers in it): callers fall back to what the values and SYS views tell. A
    // statement the server rejects throws its SqlError.
    std::optional<std::vector<ColumnInfo>> result_columns(const std::string& sql);
    std::optional<std::vector<TypeCode>> parameter_types(const std::string& sql);

    // Runs `sql` once per row in one server-side batch. Throws on connection failure (the caller
    // cannot know which rows ran) and when the server is not reachable in this flavour.
    protocol::odbc_flavour::BatchResult execute_batch(const std::string& sql, std::size_t params_per_row,
                                                      std::span<const std::vector<Value>> rows, std::int32_t timeout_s);
    bool available();

    // DDL changes what statements return.
    void forget() {
        columns_.clear();
        params_.clear();
    }

private:
    template <class Decoded>
    Decoded exchange(const std::vector<std::uint8_t>& frame, Decoded (*decode)(std::span<const std::uint8_t>));
    net::SequentialConnection& session();

    Connection& conn_;  // its SYS.TABLE_COLUMNS cache completes what the server describes
    const ConnectionSettings& settings_;
    net::ClientOptions options_;
    std::unique_ptr<net::SequentialConnection> session_;
    bool unavailable_ = false;
    std::map<std::string, std::vector<ColumnInfo>> columns_;
    std::map<std::string, std::vector<TypeCode>> params_;
};

// A result column as the server describes it.
ColumnInfo column_from_meta(const protocol::odbc_flavour::ColumnMeta& m);

}  // namespace kindling::odbc
