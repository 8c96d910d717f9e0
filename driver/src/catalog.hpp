#pragma once
// Catalog functions: queries over Ignite's SYS views, presented with the exact result-set columns
// ODBC 3 prescribes.
#include <optional>
#include <string>

namespace kindling::odbc {

class Statement;

void catalog_tables(Statement& st, const std::optional<std::string>& catalog, const std::optional<std::string>& schema,
                    const std::optional<std::string>& table, const std::optional<std::string>& types);
void catalog_columns(Statement& st, const std::optional<std::string>& schema, const std::optional<std::string>& table,
                     const std::optional<std::string>& column);
void catalog_primary_keys(Statement& st, const std::optional<std::string>& schema, const std::string& table);
void catalog_statistics(Statement& st, const std::optional<std::string>& schema, const std::string& table, bool unique_only);
void catalog_foreign_keys(Statement& st);
void catalog_special_columns(Statement& st, const std::optional<std::string>& schema, const std::string& table);
void catalog_type_info(Statement& st, short data_type);

}  // namespace kindling::odbc
