#pragma once
// The bodies behind the entry points that have both A and W variants: the variants convert
// strings and call these.
#include <optional>
#include <string>

#include "guard.hpp"
#include "info.hpp"

namespace kindling::odbc {

SQLRETURN driver_connect(Connection& c, const std::string& in, std::string& out);
SQLRETURN connect_dsn(Connection& c, const std::string& dsn, const std::string& user, const std::string& password);
// Describes result column `col`: name and type data.
const ColumnInfo& column(Statement& st, SQLUSMALLINT col);
// SQLColAttribute: numeric answer or string answer.
struct ColAttr {
    std::optional<std::string> text;
    SQLLEN number = 0;
};
ColAttr col_attribute(Statement& st, SQLUSMALLINT col, SQLUSMALLINT field);
// Diagnostics lookup for SQLGetDiagRec/Field.
Diagnostics* diagnostics_of(SQLSMALLINT handle_type, SQLHANDLE handle);
// Catalog entry (A/W share): arguments already UTF-8, nullopt for NULL pointers.
std::optional<std::string> opt_string(const std::string& s, bool is_null);

}  // namespace kindling::odbc
