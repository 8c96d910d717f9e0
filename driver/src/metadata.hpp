#pragma once
// Result-column metadata. The thin-client SQL reply carries column names only, so the driver
// finds the tables a SELECT reads (FROM/JOIN), looks their columns up in SYS.TABLE_COLUMNS
// (cached per connection until the next DDL), and describes every result column whose name
// matches exactly one table column. Other columns (expressions) are typed from their values.
// See docs/odbc.md for the decision and its limits.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "type_info.hpp"

namespace kindling::odbc {

class Connection;

// Table names (schema, table) a SELECT reads from; unqualified names get `default_schema`.
std::vector<std::pair<std::string, std::string>> tables_of(const std::string& sql, const std::string& default_schema);

// Fills type, size, nullability, table and schema of the columns found in the tables' metadata.
void apply_table_metadata(Connection& conn, const std::string& sql, std::vector<ColumnInfo>& columns);

// A table's columns from SYS.TABLE_COLUMNS (cached in the connection until the next DDL); empty
// when the table is unknown.
const std::vector<ColumnInfo>& table_columns_of(Connection& conn, const std::string& schema, const std::string& table);

// The columns an INSERT/MERGE ... (c1, ...) VALUES (...) writes its markers to: for each marker
// in order, the column it is the whole value of, or "" (a marker inside an expression).
struct InsertTarget {
    std::string schema, table;
    std::vector<std::string> marker_columns;
};
std::optional<InsertTarget> insert_target(const std::string& sql, const std::string& default_schema);

}  // namespace kindling::odbc
