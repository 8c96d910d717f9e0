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
};

class Diagnostics {
public:
    void clear() { records_.clear(); }
    void add(std::string sqlstate, std::string message, SQLINTEGER native = 0) {
        records_.push_back({std::move(sqlstate), "[Kindling][Ignite] " + message, native});
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

}  // namespace kindling::odbc
