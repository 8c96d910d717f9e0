#pragma once
#include <sql.h>
#include <sqlext.h>

#include <string>
#include <variant>

namespace kindling::odbc {

class Connection;

// The answer to one SQLGetInfo type: a string, a 16-bit or a 32-bit value.
using InfoValue = std::variant<std::string, SQLUSMALLINT, SQLUINTEGER>;

// Throws OdbcError HY096 for an info type the driver does not know.
InfoValue get_info(Connection& conn, SQLUSMALLINT type);

// SQLGetFunctions: whether the driver implements `function`.
bool implements(SQLUSMALLINT function);

}  // namespace kindling::odbc
