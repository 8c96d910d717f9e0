#pragma once
// Catalog functions: queries over Ignite's SYS views, presented with the exact result-set columns
// ODBC 3 prescribes.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kindling/protocol/value.hpp"

namespace kindling::net { class Channel; }

namespace kindling::odbc {

class Connection;
class Statement;

// Runs a query in schema SYS to completion and returns its rows; on `channel` when given (node-local
// views such as SQL_QUERIES must be read on the node that runs the query), else on any node.
std::vector<std::vector<Value>> sys_rows(Connection& conn, const std::string& sql, std::vector<Value> args = {},
                                         std::shared_ptr<net::Channel> channel = nullptr);

void catalog_tables(Statement& st, const std::optional<std::string>& catalog, const std::optional<std::string>& schema,
                    const std::optional<std::string>& table, const std::optional<std::string>& types);
void catalog_columns(Statement& st, const std::optional<std::string>& schema, const std::optional<std::string>& table,
                     const std::optional<std::string>& column);
void catalog_primary_keys(Statement& st, const std::optional<std::string>& schema, const std::string& table);
void catalog_statistics(Statement& st, const std::optional<std::string>& schema, const std::string& table, bool unique_only);
void catalog_foreign_keys(Statement& st);
void catalog_special_columns(Statement& st, const std::optional<std::string>& schema, const std::string& table);
void catalog_type_info(Statement& st, short data_type);

// Ignite has no stored procedures, so these are empty results.
void catalog_procedures(Statement& st);
void catalog_procedure_columns(Statement& st);

}  // namespace kindling::odbc
