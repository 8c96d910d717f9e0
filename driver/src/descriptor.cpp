#include "descriptor.hpp"

#include "api.hpp"

namespace kindling::odbc {

namespace {

bool is_header_field(SQLSMALLINT f) {
    switch (f) {
        case SQL_DESC_ALLOC_TYPE: case SQL_DESC_ARRAY_SIZE: case SQL_DESC_ARRAY_STATUS_PTR: case SQL_DESC_BIND_OFFSET_PTR:
        case SQL_DESC_BIND_TYPE: case SQL_DESC_COUNT: case SQL_DESC_ROWS_PROCESSED_PTR:
            return true;
        default:
            return false;
    }
}

// The verbose type of a concise one: datetime types are SQL_DATETIME plus an interval code.
SQLSMALLINT verbose_type(SQLSMALLINT concise) {
    switch (concise) {
        case SQL_TYPE_DATE: case SQL_TYPE_TIME: case SQL_TYPE_TIMESTAMP: return SQL_DATETIME;
        default: return concise;
    }
}
SQLSMALLINT interval_code(SQLSMALLINT concise) {
    switch (concise) {
        case SQL_TYPE_DATE: return SQL_CODE_DATE;
        case SQL_TYPE_TIME: return SQL_CODE_TIME;
        case SQL_TYPE_TIMESTAMP: return SQL_CODE_TIMESTAMP;
        default: return 0;
    }
}

SQLLEN as_number(SQLPOINTER v) { return static_cast<SQLLEN>(reinterpret_cast<std::intptr_t>(v)); }

}  // namespace

Descriptor::~Descriptor() {
    for (auto [st, as] : std::set<std::pair<Statement*, DescKind>>(users_)) {
        if (is_live_handle(st)) st->revert_descriptor(as);
    }
}

SQLSMALLINT Descriptor::count() {
    switch (kind_) {
        case DescKind::Ird: return static_cast<SQLSMALLINT>(owner_->result_columns.size());
        case DescKind::Ipd: case DescKind::Apd: {
            auto& recs = is_explicit() ? own_.records : owner_->params;
            SQLSMALLINT n = 0;
            for (std::size_t i = 1; i < recs.size(); ++i)
                if (recs[i].buffer || recs[i].indicator || recs[i].c_type != SQL_C_DEFAULT) n = static_cast<SQLSMALLINT>(i);
            return n;
        }
        case DescKind::Ard: {
            auto& recs = is_explicit() ? own_.records : owner_->columns;
            SQLSMALLINT n = 0;
            for (std::size_t i = 1; i < recs.size(); ++i)
                if (recs[i].buffer || recs[i].indicator) n = static_cast<SQLSMALLINT>(i);
            return n;
        }
    }
    return 0;
}

Binding& Descriptor::app_record(SQLSMALLINT rec) {
    if (rec < 1) throw OdbcError("07009", "descriptor record " + std::to_string(rec) + " does not exist (bookmarks are not supported)");
    auto& recs = is_explicit() ? own_.records : (kind_ == DescKind::Ard ? owner_->columns : owner_->params);
    if (recs.size() <= static_cast<std::size_t>(rec)) recs.resize(static_cast<std::size_t>(rec) + 1);
    return recs[static_cast<std::size_t>(rec)];
}

Descriptor::Field Descriptor::get_field(SQLSMALLINT rec, SQLSMALLINT field) {
    Field out;
    auto small = [&](SQLLEN v) { out.number = v; out.is_small = true; return out; };
    auto integer = [&](SQLLEN v) { out.number = v; out.is_integer = true; return out; };
    auto number = [&](SQLLEN v) { out.number = v; return out; };
    auto pointer = [&](const void* p) { out.pointer = const_cast<void*>(p); out.is_pointer = true; return out; };
    const bool app = kind_ == DescKind::Ard || kind_ == DescKind::Apd;
    if (is_header_field(field)) {
        switch (field) {
            case SQL_DESC_ALLOC_TYPE: return small(is_explicit() ? SQL_DESC_ALLOC_USER : SQL_DESC_ALLOC_AUTO);
            case SQL_DESC_COUNT: return small(count());
            default: break;
        }
        if (is_explicit()) {
            switch (field) {
                case SQL_DESC_ARRAY_SIZE: return number(static_cast<SQLLEN>(own_.array_size));
                case SQL_DESC_BIND_TYPE: return integer(static_cast<SQLLEN>(own_.bind_type));
                case SQL_DESC_BIND_OFFSET_PTR: return pointer(own_.bind_offset_ptr);
                case SQL_DESC_ARRAY_STATUS_PTR: return pointer(own_.array_status_ptr);
                default: throw OdbcError("HY091", "field " + std::to_string(field) + " is not in an application descriptor");
            }
        }
        auto& st = *owner_;
        switch (kind_) {
            case DescKind::Ard:
                switch (field) {
                    case SQL_DESC_ARRAY_SIZE: return number(static_cast<SQLLEN>(st.row_array_size));
                    case SQL_DESC_BIND_TYPE: return integer(static_cast<SQLLEN>(st.bind_type));
                    case SQL_DESC_BIND_OFFSET_PTR: return pointer(st.bind_offset_ptr);
                    case SQL_DESC_ARRAY_STATUS_PTR: return pointer(st.row_operation_ptr);
                    default: break;
                }
                break;
            case DescKind::Apd:
                switch (field) {
                    case SQL_DESC_ARRAY_SIZE: return number(static_cast<SQLLEN>(st.paramset_size));
                    case SQL_DESC_BIND_TYPE: return integer(static_cast<SQLLEN>(st.param_bind_type));
                    case SQL_DESC_BIND_OFFSET_PTR: return pointer(st.param_bind_offset_ptr);
                    case SQL_DESC_ARRAY_STATUS_PTR: return pointer(st.param_operation_ptr);
                    default: break;
                }
                break;
            case DescKind::Ird:
                if (field == SQL_DESC_ARRAY_STATUS_PTR) return pointer(st.row_status_ptr);
                if (field == SQL_DESC_ROWS_PROCESSED_PTR) return pointer(st.rows_fetched_ptr);
                break;
            case DescKind::Ipd:
                if (field == SQL_DESC_ARRAY_STATUS_PTR) return pointer(st.param_status_ptr);
                if (field == SQL_DESC_ROWS_PROCESSED_PTR) return pointer(st.params_processed_ptr);
                break;
        }
        throw OdbcError("HY091", "header field " + std::to_string(field) + " does not apply to this descriptor");
    }

    if (kind_ == DescKind::Ird) {
        // The result columns, as SQLColAttribute reports them.
        if (field == SQL_DESC_DATETIME_INTERVAL_CODE) {
            auto concise = col_attribute(*owner_, static_cast<SQLUSMALLINT>(rec), SQL_DESC_CONCISE_TYPE).number;
            return small(interval_code(static_cast<SQLSMALLINT>(concise)));
        }
        if (field == SQL_DESC_DATETIME_INTERVAL_PRECISION) return integer(0);
        if (field == SQL_DESC_ROWVER) return small(SQL_FALSE);
        auto a = col_attribute(*owner_, static_cast<SQLUSMALLINT>(rec), static_cast<SQLUSMALLINT>(field));
        if (a.text) {
            out.text = a.text;
            return out;
        }
        switch (field) {
            case SQL_DESC_LENGTH: case SQL_DESC_OCTET_LENGTH: case SQL_DESC_DISPLAY_SIZE: return number(a.number);
            case SQL_DESC_AUTO_UNIQUE_VALUE: case SQL_DESC_CASE_SENSITIVE: case SQL_DESC_NUM_PREC_RADIX: return integer(a.number);
            default: return small(a.number);
        }
    }
    if (rec < 1) throw OdbcError("07009", "descriptor record " + std::to_string(rec) + " does not exist (bookmarks are not supported)");
    if (rec > count()) throw OdbcError("07009", "descriptor record " + std::to_string(rec) + " is beyond SQL_DESC_COUNT");
    const auto& b = app_record(rec);
    if (app) {
        SQLSMALLINT concise = b.c_type;
        switch (field) {
            case SQL_DESC_CONCISE_TYPE: return small(concise);
            case SQL_DESC_TYPE: return small(verbose_type(concise));
            case SQL_DESC_DATETIME_INTERVAL_CODE: return small(interval_code(concise));
            case SQL_DESC_DATA_PTR: return pointer(b.buffer);
            case SQL_DESC_INDICATOR_PTR: case SQL_DESC_OCTET_LENGTH_PTR: return pointer(b.indicator);
            case SQL_DESC_OCTET_LENGTH: return number(b.buffer_length);
            case SQL_DESC_LENGTH: return number(static_cast<SQLLEN>(b.app_length));
            case SQL_DESC_PRECISION: return small(b.app_precision);
            case SQL_DESC_SCALE: return small(b.app_scale);
            case SQL_DESC_DATETIME_INTERVAL_PRECISION: return integer(0);
            case SQL_DESC_NUM_PREC_RADIX: return integer(b.c_type == SQL_C_NUMERIC ? 10 : 0);
            default: throw OdbcError("HY091", "field " + std::to_string(field) + " is not in an application descriptor record");
        }
    }
    // IPD: the parameters' SQL side.
    switch (field) {
        case SQL_DESC_CONCISE_TYPE: return small(b.sql_type);
        case SQL_DESC_TYPE: return small(verbose_type(b.sql_type));
        case SQL_DESC_DATETIME_INTERVAL_CODE: return small(interval_code(b.sql_type));
        case SQL_DESC_LENGTH: return number(static_cast<SQLLEN>(b.column_size));
        case SQL_DESC_PRECISION: return small(static_cast<SQLLEN>(b.column_size));
        case SQL_DESC_SCALE: return small(b.decimal_digits);
        case SQL_DESC_PARAMETER_TYPE: return small(b.io_type);
        case SQL_DESC_NULLABLE: return small(SQL_NULLABLE);
        case SQL_DESC_UNNAMED: return small(SQL_UNNAMED);
        case SQL_DESC_NAME: out.text = std::string(); return out;
        case SQL_DESC_TYPE_NAME: out.text = std::string(sql_type_name(b.sql_type)); return out;
        case SQL_DESC_OCTET_LENGTH: return number(static_cast<SQLLEN>(b.column_size));
        case SQL_DESC_FIXED_PREC_SCALE: return small(SQL_FALSE);
        case SQL_DESC_UNSIGNED: return small(SQL_FALSE);
        case SQL_DESC_CASE_SENSITIVE: return integer(b.sql_type == SQL_VARCHAR || b.sql_type == SQL_CHAR ? SQL_TRUE : SQL_FALSE);
        case SQL_DESC_NUM_PREC_RADIX: return integer(b.sql_type == SQL_VARCHAR || b.sql_type == SQL_CHAR ? 0 : 10);
        default: throw OdbcError("HY091", "field " + std::to_string(field) + " is not in an implementation parameter descriptor");
    }
}

void Descriptor::set_field(SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER) {
    if (kind_ == DescKind::Ird && field != SQL_DESC_ARRAY_STATUS_PTR && field != SQL_DESC_ROWS_PROCESSED_PTR)
        throw OdbcError("HY016", "an implementation row descriptor cannot be modified");
    const bool app = kind_ == DescKind::Ard || kind_ == DescKind::Apd;
    if (is_header_field(field)) {
        switch (field) {
            case SQL_DESC_ALLOC_TYPE: throw OdbcError("HY091", "SQL_DESC_ALLOC_TYPE is read-only");
            case SQL_DESC_COUNT: {
                auto n = as_number(value);
                if (n < 0) throw OdbcError("07009", "negative SQL_DESC_COUNT");
                if (kind_ == DescKind::Ipd || app) {
                    auto& recs = is_explicit() ? own_.records : (kind_ == DescKind::Ard ? owner_->columns : owner_->params);
                    recs.resize(static_cast<std::size_t>(n) + 1);
                }
                changed();
                return;
            }
            default: break;
        }
        if (is_explicit()) {
            switch (field) {
                case SQL_DESC_ARRAY_SIZE: own_.array_size = static_cast<SQLULEN>(as_number(value)); break;
                case SQL_DESC_BIND_TYPE: own_.bind_type = static_cast<SQLULEN>(as_number(value)); break;
                case SQL_DESC_BIND_OFFSET_PTR: own_.bind_offset_ptr = static_cast<SQLLEN*>(value); break;
                case SQL_DESC_ARRAY_STATUS_PTR: own_.array_status_ptr = static_cast<SQLUSMALLINT*>(value); break;
                default: throw OdbcError("HY091", "field " + std::to_string(field) + " is not in an application descriptor");
            }
            changed();
            return;
        }
        auto& st = *owner_;
        if (field == SQL_DESC_ARRAY_SIZE && app && as_number(value) < 1) throw OdbcError("HY024", "SQL_DESC_ARRAY_SIZE must be at least 1");
        switch (kind_) {
            case DescKind::Ard:
                if (field == SQL_DESC_ARRAY_SIZE) st.row_array_size = static_cast<SQLULEN>(as_number(value));
                else if (field == SQL_DESC_BIND_TYPE) st.bind_type = static_cast<SQLULEN>(as_number(value));
                else if (field == SQL_DESC_BIND_OFFSET_PTR) st.bind_offset_ptr = static_cast<SQLLEN*>(value);
                else if (field == SQL_DESC_ARRAY_STATUS_PTR) st.row_operation_ptr = static_cast<SQLUSMALLINT*>(value);
                else throw OdbcError("HY091", "SQL_DESC_ROWS_PROCESSED_PTR is not in an application descriptor");
                break;
            case DescKind::Apd:
                if (field == SQL_DESC_ARRAY_SIZE) st.paramset_size = static_cast<SQLULEN>(as_number(value));
                else if (field == SQL_DESC_BIND_TYPE) st.param_bind_type = static_cast<SQLULEN>(as_number(value));
                else if (field == SQL_DESC_BIND_OFFSET_PTR) st.param_bind_offset_ptr = static_cast<SQLLEN*>(value);
                else if (field == SQL_DESC_ARRAY_STATUS_PTR) st.param_operation_ptr = static_cast<SQLUSMALLINT*>(value);
                else throw OdbcError("HY091", "SQL_DESC_ROWS_PROCESSED_PTR is not in an application descriptor");
                break;
            case DescKind::Ird:
                if (field == SQL_DESC_ARRAY_STATUS_PTR) st.row_status_ptr = static_cast<SQLUSMALLINT*>(value);
                else st.rows_fetched_ptr = static_cast<SQLULEN*>(value);
                break;
            case DescKind::Ipd:
                if (field == SQL_DESC_ARRAY_STATUS_PTR) st.param_status_ptr = static_cast<SQLUSMALLINT*>(value);
                else if (field == SQL_DESC_ROWS_PROCESSED_PTR) st.params_processed_ptr = static_cast<SQLULEN*>(value);
                else throw OdbcError("HY091", "field " + std::to_string(field) + " is not in an implementation descriptor");
                break;
        }
        changed();
        return;
    }

    auto& b = app_record(rec);
    auto n = as_number(value);
    if (app) {
        switch (field) {
            case SQL_DESC_CONCISE_TYPE: b.c_type = static_cast<SQLSMALLINT>(n); break;
            case SQL_DESC_TYPE:
                // SQL_DATETIME waits for SQL_DESC_DATETIME_INTERVAL_CODE to become a concise type.
                b.c_type = static_cast<SQLSMALLINT>(n);
                break;
            case SQL_DESC_DATETIME_INTERVAL_CODE:
                if (b.c_type == SQL_DATETIME) b.c_type = static_cast<SQLSMALLINT>(SQL_C_TYPE_DATE - SQL_CODE_DATE + n);
                break;
            case SQL_DESC_DATA_PTR: b.buffer = value; break;
            case SQL_DESC_INDICATOR_PTR: case SQL_DESC_OCTET_LENGTH_PTR: b.indicator = static_cast<SQLLEN*>(value); break;
            case SQL_DESC_OCTET_LENGTH: b.buffer_length = n; break;
            case SQL_DESC_LENGTH: b.app_length = static_cast<SQLULEN>(n); break;
            case SQL_DESC_PRECISION: b.app_precision = static_cast<SQLSMALLINT>(n); break;
            case SQL_DESC_SCALE: b.app_scale = static_cast<SQLSMALLINT>(n); break;
            case SQL_DESC_DATETIME_INTERVAL_PRECISION: case SQL_DESC_NUM_PREC_RADIX: break;  // no interval types
            default: throw OdbcError("HY091", "field " + std::to_string(field) + " cannot be set in an application descriptor");
        }
    } else {  // IPD
        switch (field) {
            case SQL_DESC_CONCISE_TYPE: case SQL_DESC_TYPE: b.sql_type = static_cast<SQLSMALLINT>(n); break;
            case SQL_DESC_DATETIME_INTERVAL_CODE:
                if (b.sql_type == SQL_DATETIME) b.sql_type = static_cast<SQLSMALLINT>(SQL_TYPE_DATE - SQL_CODE_DATE + n);
                break;
            case SQL_DESC_LENGTH: case SQL_DESC_PRECISION: b.column_size = static_cast<SQLULEN>(n); break;
            case SQL_DESC_SCALE: b.decimal_digits = static_cast<SQLSMALLINT>(n); break;
            case SQL_DESC_PARAMETER_TYPE:
                if (n != SQL_PARAM_INPUT) throw OdbcError("HYC00", "only input parameters are supported");
                b.io_type = static_cast<SQLSMALLINT>(n);
                break;
            case SQL_DESC_NAME: throw OdbcError("HYC00", "named parameters are not supported");
            case SQL_DESC_UNNAMED: break;
            default: throw OdbcError("HY091", "field " + std::to_string(field) + " cannot be set in an implementation parameter descriptor");
        }
    }
    changed();
}

void Descriptor::copy_from(Descriptor& src) {
    if (kind_ == DescKind::Ird) throw OdbcError("HY016", "an implementation row descriptor cannot be the target of SQLCopyDesc");
    if (&src == this) return;
    const bool src_app = src.kind_ == DescKind::Ard || src.kind_ == DescKind::Apd;
    const bool dst_app = kind_ == DescKind::Ard || kind_ == DescKind::Apd;
    if (src_app && dst_app) {
        AppDescData data = src.is_explicit() ? src.own_ : src.snapshot(*src.owner_, src.kind_);
        if (is_explicit()) own_ = std::move(data);
        else owner_->set_app_desc(kind_, data);
        changed();
        return;
    }
    if (src.kind_ == DescKind::Ird && kind_ == DescKind::Ipd) {
        // Result columns as parameter descriptions (used to copy a row into an INSERT).
        auto n = src.count();
        auto& recs = owner_->params;
        if (recs.size() < static_cast<std::size_t>(n) + 1) recs.resize(static_cast<std::size_t>(n) + 1);
        for (SQLSMALLINT i = 1; i <= n; ++i) {
            const auto& c = owner_ == src.owner_ ? owner_->result_columns[static_cast<std::size_t>(i - 1)]
                                                 : src.owner_->result_columns[static_cast<std::size_t>(i - 1)];
            recs[static_cast<std::size_t>(i)].sql_type = c.sql_type;
            recs[static_cast<std::size_t>(i)].column_size = c.column_size;
            recs[static_cast<std::size_t>(i)].decimal_digits = c.decimal_digits;
        }
        return;
    }
    throw OdbcError("HY016", "SQLCopyDesc between these descriptor kinds is not supported");
}

AppDescData Descriptor::snapshot(Statement& st, DescKind as) const { return st.app_desc(as); }

void Descriptor::push_to(Statement& st, DescKind as) const { st.set_app_desc(as, own_); }

void Descriptor::changed() {
    if (!is_explicit()) {
        statement_changed(*owner_);
        return;
    }
    for (auto [st, as] : users_)
        if (is_live_handle(st)) push_to(*st, as);
}

void Descriptor::attach(Statement* st, DescKind as) {
    users_.insert({st, as});
    push_to(*st, as);
}

void Descriptor::detach(Statement* st) {
    for (auto it = users_.begin(); it != users_.end();) {
        if (it->first == st) it = users_.erase(it);
        else ++it;
    }
}

void Descriptor::statement_changed(Statement& st) {
    // An explicit ARD/APD in use sees the statement's binding calls, and so do its other users.
    for (auto [desc, as] : {std::pair{st.ard, DescKind::Ard}, std::pair{st.apd, DescKind::Apd}}) {
        if (!desc || !desc->is_explicit()) continue;
        desc->own_ = desc->snapshot(st, as);
        for (auto [other, other_as] : desc->users_)
            if (other != &st && is_live_handle(other)) desc->push_to(*other, other_as);
    }
}

}  // namespace kindling::odbc
