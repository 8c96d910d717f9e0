#pragma once
// Diagnostic records of one handle, and the exception type the driver's C++ code throws to
// produce one (everything else is mapped by the entry-point guard).
#include <sql.h>
#include <sqlext.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace kindling::odbc {

struct DiagRecord {
    std::string sqlstate;  // five characters
    std::string message;
    SQLINTEGER native = 0;
    SQLLEN row_number = SQL_ROW_NUMBER_UNKNOWN;  // SQL_DIAG_ROW_NUMBER: the parameter-array row (1-based)
};

class Diagnostics {
public:
    void clear() { records_.clear(); }
    void add(std::string sqlstate, std::string message, SQLINTEGER native = 0, SQLLEN row_number = SQL_ROW_NUMBER_UNKNOWN) {
        records_.push_back({std::move(sqlstate), "[Kindling][Ignite] " + message, native, row_number});
    }
    void add(const DiagRecord& r) { records_.push_back(r); }  // a record of another handle, as it is
    const std::vector<DiagRecord>& records() const noexcept { return records_; }
    bool has_warnings() const noexcept { return !records_.empty(); }

private:
    std::vector<DiagRecord> records_;
};

// Thrown inside the driver with the SQLSTATE the ODBC specification asks for.
class OdbcError : public std::runtime_error {
public:
    OdbcError(std::string sqlstate, const std::string& message, SQLINTEGER native = 0)
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)), native_(native) {}
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    SQLINTEGER native() const noexcept { return native_; }

private:
    std::string sqlstate_;
    SQLINTEGER native_;
};

// Thrown when the records that explain the failure are already in the handle's diagnostics
// (every row of a parameter array failed, each with its own record): the call returns SQL_ERROR
// and nothing is added.
class AlreadyDiagnosed : public std::exception {
public:
    const char* what() const noexcept override { return "see the diagnostic records"; }
};

}  // namespace kindling::odbc
