// Descriptor entry points (A and W): SQLGetDescField, SQLSetDescField, SQLGetDescRec, SQLSetDescRec,
// SQLCopyDesc. The work is in descriptor.cpp.
#include <cstring>

#include "api.hpp"
#include "descriptor.hpp"

using namespace kindling::odbc;

#define KINDLING_EXPORT extern "C" __attribute__((visibility("default")))

SQLRETURN noted(SQLHANDLE h, SQLRETURN rc) noexcept;  // entry_points.cpp: what SQL_DIAG_RETURNCODE answers

namespace {

// The guard, and a note of its return code for SQL_DIAG_RETURNCODE.
template <class H, class F>
SQLRETURN run(SQLHANDLE h, F&& body) noexcept {
    return noted(h, guarded<H>(h, std::forward<F>(body)));
}

bool string_field(SQLSMALLINT f) {
    switch (f) {
        case SQL_DESC_NAME: case SQL_DESC_LABEL: case SQL_DESC_TABLE_NAME: case SQL_DESC_BASE_TABLE_NAME:
        case SQL_DESC_BASE_COLUMN_NAME: case SQL_DESC_SCHEMA_NAME: case SQL_DESC_CATALOG_NAME: case SQL_DESC_TYPE_NAME:
        case SQL_DESC_LITERAL_PREFIX: case SQL_DESC_LITERAL_SUFFIX: case SQL_DESC_LOCAL_TYPE_NAME:
            return true;
        default:
            return false;
    }
}

template <bool Wide>
SQLRETURN get_desc_field(SQLHDESC h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER len, SQLINTEGER* out_len) {
    return run<Descriptor>(h, [&](Descriptor& d) -> SQLRETURN {
        auto f = d.get_field(rec, field);
        if (f.text) {
            if constexpr (Wide) return copy_out_w_bytes(d.diag, *f.text, value, len, out_len);
            else return copy_out(d.diag, *f.text, value, len, out_len);
        }
        if (!value) return SQL_SUCCESS;
        if (f.is_pointer) {
            *static_cast<SQLPOINTER*>(value) = f.pointer;
            if (out_len) *out_len = sizeof(SQLPOINTER);
        } else if (f.is_small) {
            *static_cast<SQLSMALLINT*>(value) = static_cast<SQLSMALLINT>(f.number);
            if (out_len) *out_len = sizeof(SQLSMALLINT);
        } else if (f.is_integer) {
            *static_cast<SQLINTEGER*>(value) = static_cast<SQLINTEGER>(f.number);
            if (out_len) *out_len = sizeof(SQLINTEGER);
        } else {
            *static_cast<SQLLEN*>(value) = f.number;
            if (out_len) *out_len = sizeof(SQLLEN);
        }
        return SQL_SUCCESS;
    });
}

template <bool Wide>
SQLRETURN set_desc_field(SQLHDESC h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER len) {
    return run<Descriptor>(h, [&](Descriptor& d) -> SQLRETURN {
        if (string_field(field)) {
            // Only SQL_DESC_NAME of an IPD is settable among the string fields (named parameters).
            throw OdbcError(d.kind() == DescKind::Ird ? "HY016" : "HYC00", "descriptor field " + std::to_string(field) + " cannot be set");
        }
        d.set_field(rec, field, value, len);
        return SQL_SUCCESS;
    });
}

template <bool Wide, class Char>
SQLRETURN get_desc_rec(SQLHDESC h, SQLSMALLINT rec, Char* name, SQLSMALLINT name_max, SQLSMALLINT* name_len, SQLSMALLINT* type,
                       SQLSMALLINT* subtype, SQLLEN* length, SQLSMALLINT* precision, SQLSMALLINT* scale, SQLSMALLINT* nullable) {
    return run<Descriptor>(h, [&](Descriptor& d) -> SQLRETURN {
        if (rec > d.count()) return SQL_NO_DATA;
        const bool app = d.kind() == DescKind::Ard || d.kind() == DescKind::Apd;
        SQLRETURN rc = SQL_SUCCESS;
        std::string n = app ? std::string() : d.get_field(rec, SQL_DESC_NAME).text.value_or("");
        if constexpr (Wide) rc = copy_out_w(d.diag, n, name, name_max, name_len);
        else rc = copy_out(d.diag, n, name, name_max, name_len);
        if (type) *type = static_cast<SQLSMALLINT>(d.get_field(rec, SQL_DESC_TYPE).number);
        if (subtype) *subtype = static_cast<SQLSMALLINT>(d.get_field(rec, SQL_DESC_DATETIME_INTERVAL_CODE).number);
        if (length) *length = d.get_field(rec, app ? SQL_DESC_OCTET_LENGTH : SQL_DESC_LENGTH).number;
        if (precision) *precision = static_cast<SQLSMALLINT>(d.get_field(rec, SQL_DESC_PRECISION).number);
        if (scale) *scale = static_cast<SQLSMALLINT>(d.get_field(rec, SQL_DESC_SCALE).number);
        if (nullable) *nullable = app ? SQLSMALLINT{SQL_NULLABLE_UNKNOWN} : static_cast<SQLSMALLINT>(d.get_field(rec, SQL_DESC_NULLABLE).number);
        return rc;
    });
}

}  // namespace

KINDLING_EXPORT SQLRETURN SQL_API SQLGetDescField(SQLHDESC h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER len,
                                                  SQLINTEGER* out_len) {
    return get_desc_field<false>(h, rec, field, value, len, out_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetDescFieldW(SQLHDESC h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER len,
                                                   SQLINTEGER* out_len) {
    return get_desc_field<true>(h, rec, field, value, len, out_len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSetDescField(SQLHDESC h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER len) {
    return set_desc_field<false>(h, rec, field, value, len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSetDescFieldW(SQLHDESC h, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER len) {
    return set_desc_field<true>(h, rec, field, value, len);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetDescRec(SQLHDESC h, SQLSMALLINT rec, SQLCHAR* name, SQLSMALLINT name_max, SQLSMALLINT* name_len,
                                                SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length, SQLSMALLINT* precision,
                                                SQLSMALLINT* scale, SQLSMALLINT* nullable) {
    return get_desc_rec<false>(h, rec, name, name_max, name_len, type, subtype, length, precision, scale, nullable);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLGetDescRecW(SQLHDESC h, SQLSMALLINT rec, SQLWCHAR* name, SQLSMALLINT name_max, SQLSMALLINT* name_len,
                                                 SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length, SQLSMALLINT* precision,
                                                 SQLSMALLINT* scale, SQLSMALLINT* nullable) {
    return get_desc_rec<true>(h, rec, name, name_max, name_len, type, subtype, length, precision, scale, nullable);
}

KINDLING_EXPORT SQLRETURN SQL_API SQLSetDescRec(SQLHDESC h, SQLSMALLINT rec, SQLSMALLINT type, SQLSMALLINT subtype, SQLLEN length,
                                                SQLSMALLINT precision, SQLSMALLINT scale, SQLPOINTER data, SQLLEN* octet_length_ptr,
                                                SQLLEN* indicator_ptr) {
    return run<Descriptor>(h, [&](Descriptor& d) -> SQLRETURN {
        auto num = [](SQLLEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<std::intptr_t>(v)); };
        const bool app = d.kind() == DescKind::Ard || d.kind() == DescKind::Apd;
        d.set_field(rec, SQL_DESC_TYPE, num(type), 0);
        if (type == SQL_DATETIME) d.set_field(rec, SQL_DESC_DATETIME_INTERVAL_CODE, num(subtype), 0);
        d.set_field(rec, app ? SQL_DESC_OCTET_LENGTH : SQL_DESC_LENGTH, num(length), 0);
        // An IPD has one size: the length for character types, the precision for numeric ones.
        if (app || type == SQL_DECIMAL || type == SQL_NUMERIC) d.set_field(rec, SQL_DESC_PRECISION, num(precision), 0);
        d.set_field(rec, SQL_DESC_SCALE, num(scale), 0);
        if (app) {
            d.set_field(rec, SQL_DESC_DATA_PTR, data, 0);
            d.set_field(rec, SQL_DESC_OCTET_LENGTH_PTR, octet_length_ptr, 0);
            d.set_field(rec, SQL_DESC_INDICATOR_PTR, indicator_ptr, 0);
        }
        return SQL_SUCCESS;
    });
}

KINDLING_EXPORT SQLRETURN SQL_API SQLCopyDesc(SQLHDESC source, SQLHDESC target) {
    Descriptor* src = checked<Descriptor>(source);
    if (!src) return SQL_INVALID_HANDLE;
    return run<Descriptor>(target, [&](Descriptor& dst) -> SQLRETURN {
        if (src != &dst) {
            std::lock_guard lock(src->mu);
            dst.copy_from(*src);
        }
        return SQL_SUCCESS;
    });
}
