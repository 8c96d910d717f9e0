#pragma once
// ODBC descriptors as real handles, and the one store of binding state. A statement points at its
// ARD and APD (its implicit ones, or explicit ones the application allocated) and owns its IRD and
// IPD; SQLBindCol, SQLBindParameter and the statement attributes write into these descriptors, and
// fetching and execution read from them. An explicit descriptor shared by several statements is
// therefore seen by all of them without copying.
#include <set>
#include <vector>

#include "handles.hpp"

namespace kindling::odbc {

// An application descriptor record (ARD or APD): where one column's or parameter's buffers are.
struct AppRecord {
    SQLSMALLINT concise_type = SQL_C_DEFAULT;
    SQLPOINTER data_ptr = nullptr;
    SQLLEN octet_length = 0;  // the buffer's length
    // Separate pointers, the same one when bound by SQLBindCol/SQLBindParameter. A record with
    // only one of them uses it for both the length and the NULL indicator.
    SQLLEN* octet_length_ptr = nullptr;
    SQLLEN* indicator_ptr = nullptr;
    // Fields only SQLSetDescField sets (kept and reported).
    SQLULEN length = 0;
    SQLSMALLINT precision = 0, scale = 0;
    bool bound() const noexcept { return data_ptr || octet_length_ptr || indicator_ptr; }
};

// An implementation parameter descriptor record (IPD): the parameter's SQL side.
struct ParamRecord {
    SQLSMALLINT parameter_type = SQL_PARAM_INPUT;
    SQLSMALLINT sql_type = SQL_VARCHAR;
    SQLULEN column_size = 0;
    SQLSMALLINT decimal_digits = 0;
};

class Descriptor : public HandleBase {
public:
    // Implicit: owned by `owner`. Explicit (owner == nullptr): allocated by the application, usable
    // as ARD or APD of any statement on `conn`.
    Descriptor(Connection* c, Statement* owner, DescKind kind) : HandleBase(HandleTag::Desc), conn(c), owner_(owner), kind_(kind) {}
    ~Descriptor() override;

    bool is_explicit() const noexcept { return owner_ == nullptr; }
    DescKind kind() const noexcept { return kind_; }

    // SQLGetDescField: integer answers in `number`, pointer answers in `pointer`, strings in `text`.
    struct Field {
        SQLLEN number = 0;
        SQLPOINTER pointer = nullptr;
        std::optional<std::string> text;
        bool is_pointer = false;
        bool is_small = false;   // SQLSMALLINT-sized field
        bool is_integer = false; // SQLINTEGER-sized field
    };
    Field get_field(SQLSMALLINT rec, SQLSMALLINT field);
    void set_field(SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER len);
    SQLSMALLINT count();

    // SQLCopyDesc into this descriptor.
    void copy_from(Descriptor& source);

    // The statements using an explicit descriptor, so that freeing it reverts them to their
    // implicit ones.
    void attach(Statement* st, DescKind as) { users_.insert({st, as}); }
    void detach(Statement* st, DescKind as) { users_.erase({st, as}); }

    // Application record n (1-based), grown as SQLSetDescField and SQLBindCol do.
    AppRecord& record(std::size_t n) {
        if (records.size() <= n) records.resize(n + 1);
        return records[n];
    }
    ParamRecord& param_record(std::size_t n) {
        if (param_records.size() <= n) param_records.resize(n + 1);
        return param_records[n];
    }

    Connection* conn;

    // Header. The array fields are the ARD's/APD's; array_status_ptr is the row or parameter
    // operation array there, and the row or parameter status array in the IRD/IPD.
    SQLULEN array_size = 1;
    SQLULEN bind_type = 0;  // SQL_BIND_BY_COLUMN == SQL_PARAM_BIND_BY_COLUMN == 0
    SQLLEN* bind_offset_ptr = nullptr;
    SQLUSMALLINT* array_status_ptr = nullptr;
    SQLULEN* rows_processed_ptr = nullptr;  // IRD: rows fetched; IPD: parameter sets processed

    // Records, by kind: ARD/APD and IPD 1-based (index 0, the bookmark, unused); IRD 0-based.
    std::vector<AppRecord> records;          // ARD, APD
    std::vector<ParamRecord> param_records;  // IPD
    std::vector<ColumnInfo> columns;         // IRD: the result columns

private:
    Statement* owner_;
    DescKind kind_;
    std::set<std::pair<Statement*, DescKind>> users_;  // explicit descriptors
};

}  // namespace kindling::odbc
