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
        case DescKind::Ird: return static_cast<SQLSMALLINT>(columns.size());
        case DescKind::Ipd: return static_cast<SQLSMALLINT>(param_records.empty() ? 0 : param_records.size() - 1);
        case DescKind::Apd: case DescKind::Ard: {
            // A parameter typed but not yet given a buffer is a record; a column is one once bound.
            const bool typed_counts = kind_ == DescKind::Apd;
            SQLSMALLINT n = 0;
            for (std::size_t i = 1; i < records.size(); ++i)
                if (records[i].bound() || (typed_counts && records[i].concise_type != SQL_C_DEFAULT)) n = static_cast<SQLSMALLINT>(i);
            return n;
        }
    }
    return 0;
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
        if (app) {
            switch (field) {
                case SQL_DESC_ARRAY_SIZE: return number(static_cast<SQLLEN>(array_size));
                case SQL_DESC_BIND_TYPE: return integer(static_cast<SQLLEN>(bind_type));
                case SQL_DESC_BIND_OFFSET_PTR: return pointer(bind_offset_ptr);
                case SQL_DESC_ARRAY_STATUS_PTR: return pointer(array_status_ptr);
                default: break;
            }
        } else {
            if (field == SQL_DESC_ARRAY_STATUS_PTR) return pointer(array_status_ptr);
            if (field == SQL_DESC_ROWS_PROCESSED_PTR) return pointer(rows_processed_ptr);
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
    if (app) {
        const auto& b = record(static_cast<std::size_t>(rec));
        SQLSMALLINT concise = b.concise_type;
        switch (field) {
            case SQL_DESC_CONCISE_TYPE: return small(concise);
            case SQL_DESC_TYPE: return small(verbose_type(concise));
            case SQL_DESC_DATETIME_INTERVAL_CODE: return small(interval_code(concise));
            case SQL_DESC_DATA_PTR: return pointer(b.data_ptr);
            case SQL_DESC_INDICATOR_PTR: return pointer(b.indicator_ptr);
            case SQL_DESC_OCTET_LENGTH_PTR: return pointer(b.octet_length_ptr);
            case SQL_DESC_OCTET_LENGTH: return number(b.octet_length);
            case SQL_DESC_LENGTH: return number(static_cast<SQLLEN>(b.length));
            case SQL_DESC_PRECISION: return small(b.precision);
            case SQL_DESC_SCALE: return small(b.scale);
            case SQL_DESC_DATETIME_INTERVAL_PRECISION: return integer(0);
            case SQL_DESC_NUM_PREC_RADIX: return integer(concise == SQL_C_NUMERIC ? 10 : 0);
            default: throw OdbcError("HY091", "field " + std::to_string(field) + " is not in an application descriptor record");
        }
    }
    // IPD: the parameters' SQL side.
    const auto& b = param_record(static_cast<std::size_t>(rec));
    switch (field) {
        case SQL_DESC_CONCISE_TYPE: return small(b.sql_type);
        case SQL_DESC_TYPE: return small(verbose_type(b.sql_type));
        case SQL_DESC_DATETIME_INTERVAL_CODE: return small(interval_code(b.sql_type));
        case SQL_DESC_LENGTH: return number(static_cast<SQLLEN>(b.column_size));
        case SQL_DESC_PRECISION: return small(static_cast<SQLLEN>(b.column_size));
        case SQL_DESC_SCALE: return small(b.decimal_digits);
        case SQL_DESC_PARAMETER_TYPE: return small(b.parameter_type);
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
                if (app) records.resize(static_cast<std::size_t>(n) + 1);
                else param_records.resize(static_cast<std::size_t>(n) + 1);
                return;
            }
            default: break;
        }
        if (app) {
            // A statement's own array size is checked as SQL_ATTR_ROW_ARRAY_SIZE/PARAMSET_SIZE are.
            if (field == SQL_DESC_ARRAY_SIZE && !is_explicit() && as_number(value) < 1)
                throw OdbcError("HY024", "SQL_DESC_ARRAY_SIZE must be at least 1");
            switch (field) {
                case SQL_DESC_ARRAY_SIZE: array_size = static_cast<SQLULEN>(as_number(value)); return;
                case SQL_DESC_BIND_TYPE: bind_type = static_cast<SQLULEN>(as_number(value)); return;
                case SQL_DESC_BIND_OFFSET_PTR: bind_offset_ptr = static_cast<SQLLEN*>(value); return;
                case SQL_DESC_ARRAY_STATUS_PTR: array_status_ptr = static_cast<SQLUSMALLINT*>(value); return;
                default: throw OdbcError("HY091", "field " + std::to_string(field) + " is not in an application descriptor");
            }
        }
        switch (field) {
            case SQL_DESC_ARRAY_STATUS_PTR: array_status_ptr = static_cast<SQLUSMALLINT*>(value); return;
            case SQL_DESC_ROWS_PROCESSED_PTR: rows_processed_ptr = static_cast<SQLULEN*>(value); return;
            default: throw OdbcError("HY091", "field " + std::to_string(field) + " is not in an implementation descriptor");
        }
    }

    if (rec < 1) throw OdbcError("07009", "descriptor record " + std::to_string(rec) + " does not exist (bookmarks are not supported)");
    auto n = as_number(value);
    if (app) {
        auto& b = record(static_cast<std::size_t>(rec));
        switch (field) {
            case SQL_DESC_CONCISE_TYPE: b.concise_type = static_cast<SQLSMALLINT>(n); break;
            case SQL_DESC_TYPE:
                // SQL_DATETIME waits for SQL_DESC_DATETIME_INTERVAL_CODE to become a concise type.
                b.concise_type = static_cast<SQLSMALLINT>(n);
                break;
            case SQL_DESC_DATETIME_INTERVAL_CODE:
                if (b.concise_type == SQL_DATETIME) b.concise_type = static_cast<SQLSMALLINT>(SQL_C_TYPE_DATE - SQL_CODE_DATE + n);
                break;
            case SQL_DESC_DATA_PTR: b.data_ptr = value; break;
            case SQL_DESC_INDICATOR_PTR: b.indicator_ptr = static_cast<SQLLEN*>(value); break;
            case SQL_DESC_OCTET_LENGTH_PTR: b.octet_length_ptr = static_cast<SQLLEN*>(value); break;
            case SQL_DESC_OCTET_LENGTH: b.octet_length = n; break;
            case SQL_DESC_LENGTH: b.length = static_cast<SQLULEN>(n); break;
            case SQL_DESC_PRECISION: b.precision = static_cast<SQLSMALLINT>(n); break;
            case SQL_DESC_SCALE: b.scale = static_cast<SQLSMALLINT>(n); break;
            case SQL_DESC_DATETIME_INTERVAL_PRECISION: case SQL_DESC_NUM_PREC_RADIX: break;  // no interval types
            default: throw OdbcError("HY091", "field " + std::to_string(field) + " cannot be set in an application descriptor");
        }
        return;
    }
    auto& b = param_record(static_cast<std::size_t>(rec));
    switch (field) {
        case SQL_DESC_CONCISE_TYPE: case SQL_DESC_TYPE: b.sql_type = static_cast<SQLSMALLINT>(n); break;
        case SQL_DESC_DATETIME_INTERVAL_CODE:
            if (b.sql_type == SQL_DATETIME) b.sql_type = static_cast<SQLSMALLINT>(SQL_TYPE_DATE - SQL_CODE_DATE + n);
            break;
        case SQL_DESC_LENGTH: case SQL_DESC_PRECISION: b.column_size = static_cast<SQLULEN>(n); break;
        case SQL_DESC_SCALE: b.decimal_digits = static_cast<SQLSMALLINT>(n); break;
        case SQL_DESC_PARAMETER_TYPE:
            if (n != SQL_PARAM_INPUT) throw OdbcError("HYC00", "only input parameters are supported");
            b.parameter_type = static_cast<SQLSMALLINT>(n);
            break;
        case SQL_DESC_NAME: throw OdbcError("HYC00", "named parameters are not supported");
        case SQL_DESC_UNNAMED: break;
        default: throw OdbcError("HY091", "field " + std::to_string(field) + " cannot be set in an implementation parameter descriptor");
    }
}

void Descriptor::copy_from(Descriptor& src) {
    if (kind_ == DescKind::Ird) throw OdbcError("HY016", "an implementation row descriptor cannot be the target of SQLCopyDesc");
    if (&src == this) return;
    const bool src_app = src.kind_ == DescKind::Ard || src.kind_ == DescKind::Apd;
    const bool dst_app = kind_ == DescKind::Ard || kind_ == DescKind::Apd;
    if (src_app && dst_app) {
        records = src.records;
        array_size = src.array_size;
        bind_type = src.bind_type;
        bind_offset_ptr = src.bind_offset_ptr;
        array_status_ptr = src.array_status_ptr;
        return;
    }
    if (src.kind_ == DescKind::Ird && kind_ == DescKind::Ipd) {
        // Result columns as parameter descriptions (used to copy a row into an INSERT).
        for (std::size_t i = 1; i <= src.columns.size(); ++i) {
            const auto& c = src.columns[i - 1];
            auto& p = param_record(i);
            p.sql_type = c.sql_type;
            p.column_size = c.column_size;
            p.decimal_digits = c.decimal_digits;
        }
        return;
    }
    throw OdbcError("HY016", "SQLCopyDesc between these descriptor kinds is not supported");
}

}  // namespace kindling::odbc
