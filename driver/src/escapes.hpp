#pragma once
// ODBC escape sequences, rewritten into the SQL Ignite understands:
//   {d 'v'} -> DATE 'v'     {t 'v'} -> TIME 'v'     {ts 'v'} -> TIMESTAMP 'v'
//   {fn f(...)} -> f(...) (ODBC names Ignite lacks are mapped)     {oj ...} -> ...
//   {escape 'c'} -> ESCAPE 'c'    {guid 'v'} -> 'v'
// Text inside quotes or comments is left alone. {call} is rejected (no stored procedures).
#include <string>

namespace kindling::odbc {

// Throws OdbcError 42000 for an unbalanced or unknown escape.
std::string translate_escapes(const std::string& sql);

}  // namespace kindling::odbc
