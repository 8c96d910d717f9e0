#pragma once
// ODBC descriptors as real handles. A statement's four implicit descriptors are views onto the
// statement's own binding state (what SQLBindCol, SQLBindParameter and the statement attributes
// set), so both ways of binding see one truth. An explicitly allocated descriptor owns its
// records; while it is a statement's ARD or APD, every change to it is copied into the statement,
// and SQLBindCol/SQLBindParameter on that statement are copied back into it.
//
// Limit: a record has one length/indicator pointer, as SQLBindCol and SQLBindParameter set it;
// SQL_DESC_INDICATOR_PTR and SQL_DESC_OCTET_LENGTH_PTR both address it (the last one set wins).
#include <set>
#include <vector>

#include "handles.hpp"

namespace kindling::odbc {

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

    // Association with statements (explicit descriptors only).
    void attach(Statement* st, DescKind as);
    void detach(Statement* st);
    // After the statement changed its bindings (SQLBindCol, SQLBindParameter, attributes).
    static void statement_changed(Statement& st);

    Connection* conn;

private:
    AppDescData snapshot(Statement& st, DescKind as) const;
    void push_to(Statement& st, DescKind as) const;
    void changed();
    Binding& app_record(SQLSMALLINT rec);  // grows the record list as SQLSetDescField does

    Statement* owner_;
    DescKind kind_;
    AppDescData own_;                          // explicit descriptors
    std::set<std::pair<Statement*, DescKind>> users_;
};

}  // namespace kindling::odbc
