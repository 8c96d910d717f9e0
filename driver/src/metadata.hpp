#pragma once
// Result-column metadata. The thin-client SQL reply carries column names only, so the driver
// finds the tables a SELECT reads (FROM/JOIN), looks their columns up in SYS.TABLE_COLUMNS
// (cached per connection until the next DDL), and describes every result column whose name
// matches exactly one table column. Other columns (expressions) are typed from their values.
// See docs/odbc.md for the decision and its limits.
#include <map>
#include <string>
#include <vector>

#include "type_info.hpp"

namespace kindling::odbc {

class Connection;

// Table names (schema, table) a SELECT reads from; unqualified names get `default_schema`.
std::vector<std::pair<std::string, std::string>> tables_of(const std::string& sql, const std::string& default_schema);

// Fills type, size, nullability, table and schema of the columns found in the tables' metadata.
void apply_table_metadata(Connection& conn, const std::string& sql, std::vector<ColumnInfo>& columns);

}  // namespace kindling::odbc
