#include "conversions.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "diagnostics.hpp"
#include "kindling/protocol/civil_time.hpp"

namespace kindling::odbc {

namespace {

using protocol::civil_from_millis;

std::int64_t millis_from_civil(int y, unsigned m, unsigned d, unsigned hh = 0, unsigned mi = 0, unsigned ss = 0) {
    return protocol::millis_from_civil(protocol::CivilTime{y, m, d, hh, mi, ss, 0});
}

template <class T>
SQLRETURN put_fixed(const T& v, SQLPOINTER buf, SQLLEN* ind) {
    if (buf) std::memcpy(buf, &v, sizeof v);
    if (ind) *ind = sizeof v;
    return SQL_SUCCESS;
}

SQLRETURN put_bytes(const void* data, std::size_t n, SQLPOINTER buf, SQLLEN len, SQLLEN* ind, std::size_t* offset,
                    bool* truncated, std::size_t terminator) {
    std::size_t off = offset ? *offset : 0;
    if (offset && off > 0 && off >= n) return SQL_NO_DATA;
    std::size_t left = n - off;
    if (ind) *ind = static_cast<SQLLEN>(left);
    if (!buf || len <= 0) {
        if (left > 0 || terminator) *truncated = left > 0;
        return left > 0 ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
    }
    std::size_t room = static_cast<std::size_t>(len) >= terminator ? static_cast<std::size_t>(len) - terminator : 0;
    if (terminator == 2) room &= ~std::size_t{1};  // whole UTF-16 units only
    std::size_t n_copy = std::min(left, room);
    std::memcpy(buf, static_cast<const char*>(data) + off, n_copy);
    if (terminator) std::memset(static_cast<char*>(buf) + n_copy, 0, terminator);
    if (offset) *offset = off + n_copy;
    if (n_copy < left) {
        *truncated = true;
        return SQL_SUCCESS_WITH_INFO;
    }
    if (offset) *offset = n + (n == 0 ? 1 : 0);  // next SQLGetData returns SQL_NO_DATA
    return SQL_SUCCESS;
}

std::optional<double> as_double(const Value& v) {
    if (auto p = v.get_if<std::int8_t>()) return *p;
    if (auto p = v.get_if<std::int16_t>()) return *p;
    if (auto p = v.get_if<std::int32_t>()) return *p;
    if (auto p = v.get_if<std::int64_t>()) return static_cast<double>(*p);
    if (auto p = v.get_if<float>()) return *p;
    if (auto p = v.get_if<double>()) return *p;
    if (auto p = v.get_if<bool>()) return *p ? 1 : 0;
    if (auto p = v.get_if<Decimal>()) return p->to_double();
    if (auto p = v.get_if<std::string>()) {
        char* end = nullptr;
        double d = std::strtod(p->c_str(), &end);
        if (p->empty() || *end != 0) throw OdbcError("22018", "'" + *p + "' is not a number");
        return d;
    }
    return std::nullopt;
}

template <class I>
SQLRETURN put_integer(const Value& v, SQLPOINTER buf, SQLLEN* ind) {
    if (auto p = v.get_if<std::int64_t>()) {
        if (*p < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
            (*p > 0 && static_cast<std::uint64_t>(*p) > static_cast<std::uint64_t>(std::numeric_limits<I>::max())))
            throw OdbcError("22003", "value " + std::to_string(*p) + " is out of range for the target type");
        return put_fixed(static_cast<I>(*p), buf, ind);
    }
    auto d = as_double(v);
    if (!d) throw OdbcError("07006", "cannot convert " + std::string(type_code_name(v.type_code())) + " to an integer");
    double t = std::trunc(*d);
    if (t < static_cast<double>(std::numeric_limits<I>::min()) || t > static_cast<double>(std::numeric_limits<I>::max()))
        throw OdbcError("22003", "value " + v.to_string() + " is out of range for the target type");
    return put_fixed(static_cast<I>(t), buf, ind);
}

}  // namespace

std::u16string utf8_to_utf16(const std::string& s) {
    std::u16string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        auto b0 = static_cast<unsigned char>(s[i]);
        std::uint32_t cp = 0xFFFD;
        std::size_t len = 1;
        if (b0 < 0x80) cp = b0;
        else if ((b0 & 0xE0) == 0xC0 && i + 1 < s.size()) { cp = ((b0 & 0x1Fu) << 6) | (s[i + 1] & 0x3F); len = 2; }
        else if ((b0 & 0xF0) == 0xE0 && i + 2 < s.size()) { cp = ((b0 & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3F); len = 3; }
        else if ((b0 & 0xF8) == 0xF0 && i + 3 < s.size()) {
            cp = ((b0 & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3F);
            len = 4;
        }
        i += len;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out += static_cast<char16_t>(0xD800 + (cp >> 10));
            out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
        } else {
            out += static_cast<char16_t>(cp);
        }
    }
    return out;
}

std::string utf16_to_utf8(const char16_t* s, std::size_t n) {
    std::string out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t cp = s[i];
        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            ++i;
        }
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

std::string value_text(const Value& v) {
    char buf[64];
    if (auto d = v.get_if<Date>()) {
        auto c = civil_from_millis(d->millis);
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
        return buf;
    }
    if (auto b = v.get_if<ByteArray>()) {
        static const char* hex = "0123456789ABCDEF";
        std::string s;
        for (auto x : *b) {
            s += hex[(static_cast<unsigned char>(x) >> 4) & 0xF];
            s += hex[static_cast<unsigned char>(x) & 0xF];
        }
        return s;
    }
    if (auto b = v.get_if<bool>()) return *b ? "1" : "0";
    return v.to_string();
}

namespace {
SQLGUID to_sqlguid(const Uuid& u) {
    SQLGUID g;
    g.Data1 = static_cast<std::uint32_t>(u.msb >> 32);
    g.Data2 = static_cast<std::uint16_t>(u.msb >> 16);
    g.Data3 = static_cast<std::uint16_t>(u.msb);
    for (int i = 0; i < 8; ++i) g.Data4[i] = static_cast<unsigned char>(u.lsb >> (56 - 8 * i));
    return g;
}
}  // namespace

SQLRETURN write_c_value(const Value& v, SQLSMALLINT c_type, SQLPOINTER buf, SQLLEN len, SQLLEN* ind,
                        std::size_t* offset, bool* truncated) {
    *truncated = false;
    if (v.is_null()) {
        if (!ind) throw OdbcError("22002", "NULL value and no indicator variable was given");
        *ind = SQL_NULL_DATA;
        return SQL_SUCCESS;
    }
    switch (c_type) {
        case SQL_C_CHAR: {
            auto s = value_text(v);
            return put_bytes(s.data(), s.size(), buf, len, ind, offset, truncated, 1);
        }
        case SQL_C_WCHAR: {
            auto w = utf8_to_utf16(value_text(v));
            return put_bytes(w.data(), w.size() * 2, buf, len, ind, offset, truncated, 2);
        }
        case SQL_C_BINARY: {
            if (auto b = v.get_if<ByteArray>()) return put_bytes(b->data(), b->size(), buf, len, ind, offset, truncated, 0);
            if (auto u = v.get_if<Uuid>()) {  // ODBC: SQL_GUID as SQL_C_BINARY is the SQLGUID structure's bytes
                auto g = to_sqlguid(*u);
                return put_bytes(&g, sizeof g, buf, len, ind, offset, truncated, 0);
            }
            auto s = value_text(v);
            return put_bytes(s.data(), s.size(), buf, len, ind, offset, truncated, 0);
        }
        case SQL_C_STINYINT: case SQL_C_TINYINT: return put_integer<SQLSCHAR>(v, buf, ind);
        case SQL_C_UTINYINT: return put_integer<SQLCHAR>(v, buf, ind);
        case SQL_C_SSHORT: case SQL_C_SHORT: return put_integer<SQLSMALLINT>(v, buf, ind);
        case SQL_C_USHORT: return put_integer<SQLUSMALLINT>(v, buf, ind);
        case SQL_C_SLONG: case SQL_C_LONG: return put_integer<SQLINTEGER>(v, buf, ind);
        case SQL_C_ULONG: return put_integer<SQLUINTEGER>(v, buf, ind);
        case SQL_C_SBIGINT: return put_integer<SQLBIGINT>(v, buf, ind);
        case SQL_C_UBIGINT: return put_integer<SQLUBIGINT>(v, buf, ind);
        case SQL_C_BIT: {
            auto d = as_double(v);
            if (!d) throw OdbcError("07006", "cannot convert " + std::string(type_code_name(v.type_code())) + " to a bit");
            if (*d != 0 && *d != 1) throw OdbcError("22003", "value " + v.to_string() + " is not 0 or 1");
            return put_fixed(static_cast<SQLCHAR>(*d), buf, ind);
        }
        case SQL_C_DOUBLE: {
            auto d = as_double(v);
            if (!d) throw OdbcError("07006", "cannot convert " + std::string(type_code_name(v.type_code())) + " to a double");
            return put_fixed(*d, buf, ind);
        }
        case SQL_C_FLOAT: {
            auto d = as_double(v);
            if (!d) throw OdbcError("07006", "cannot convert " + std::string(type_code_name(v.type_code())) + " to a float");
            return put_fixed(static_cast<float>(*d), buf, ind);
        }
        case SQL_C_TYPE_DATE: case SQL_C_DATE: case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP:
        case SQL_C_TYPE_TIME: case SQL_C_TIME: {
            std::int64_t ms;
            std::int32_t nanos = 0;
            if (auto d = v.get_if<Date>()) ms = d->millis;
            else if (auto t = v.get_if<Timestamp>()) { ms = t->millis; nanos = t->nanos; }
            else if (auto tm = v.get_if<Time>()) ms = tm->millis;
            else throw OdbcError("07006", "cannot convert " + std::string(type_code_name(v.type_code())) + " to a date/time");
            auto c = civil_from_millis(ms);
            if (c_type == SQL_C_TYPE_DATE || c_type == SQL_C_DATE)
                return put_fixed(SQL_DATE_STRUCT{static_cast<SQLSMALLINT>(c.year), static_cast<SQLUSMALLINT>(c.month), static_cast<SQLUSMALLINT>(c.day)}, buf, ind);
            if (c_type == SQL_C_TYPE_TIME || c_type == SQL_C_TIME)
                return put_fixed(SQL_TIME_STRUCT{static_cast<SQLUSMALLINT>(c.hour), static_cast<SQLUSMALLINT>(c.minute), static_cast<SQLUSMALLINT>(c.second)}, buf, ind);
            SQL_TIMESTAMP_STRUCT ts{static_cast<SQLSMALLINT>(c.year), static_cast<SQLUSMALLINT>(c.month), static_cast<SQLUSMALLINT>(c.day),
                                    static_cast<SQLUSMALLINT>(c.hour), static_cast<SQLUSMALLINT>(c.minute), static_cast<SQLUSMALLINT>(c.second),
                                    static_cast<SQLUINTEGER>(((ms % 1000 + 1000) % 1000) * 1000000 + nanos)};
            return put_fixed(ts, buf, ind);
        }
        case SQL_C_GUID: {
            auto u = v.get_if<Uuid>();
            if (!u) throw OdbcError("07006", "cannot convert " + std::string(type_code_name(v.type_code())) + " to a GUID");
            return put_fixed(to_sqlguid(*u), buf, ind);
        }
        case SQL_C_NUMERIC: {
            auto d = v.get_if<Decimal>();
            Decimal dec = d ? *d : *Decimal::parse(value_text(v));
            SQL_NUMERIC_STRUCT n{};
            n.precision = 38;
            n.scale = static_cast<SQLSCHAR>(dec.scale);
            n.sign = dec.negative ? 0 : 1;
            if (dec.magnitude.size() > SQL_MAX_NUMERIC_LEN) throw OdbcError("22003", "decimal " + dec.to_string() + " does not fit SQL_NUMERIC_STRUCT");
            for (std::size_t i = 0; i < dec.magnitude.size(); ++i) n.val[i] = dec.magnitude[dec.magnitude.size() - 1 - i];
            return put_fixed(n, buf, ind);
        }
        default:
            throw OdbcError("HY003", "unsupported C type " + std::to_string(c_type));
    }
}

Value read_c_value(SQLSMALLINT c_type, SQLSMALLINT sql_type, const void* buf, SQLLEN len, SQLLEN ind) {
    if (ind == SQL_NULL_DATA) return Value{};
    auto text_len = [&](std::size_t unit) -> std::size_t {
        if (ind == SQL_NTS || ind == SQL_NTSL) {
            if (unit == 1) return std::strlen(static_cast<const char*>(buf));
            std::size_t n = 0;
            while (static_cast<const char16_t*>(buf)[n]) ++n;
            return n;
        }
        if (ind >= 0) return static_cast<std::size_t>(ind) / unit;
        return static_cast<std::size_t>(len) / unit;
    };
    Value text;
    switch (c_type) {
        case SQL_C_CHAR: text = std::string(static_cast<const char*>(buf), text_len(1)); break;
        case SQL_C_WCHAR: text = utf16_to_utf8(static_cast<const char16_t*>(buf), text_len(2)); break;
        case SQL_C_STINYINT: case SQL_C_TINYINT: return std::int8_t{*static_cast<const SQLSCHAR*>(buf)};
        case SQL_C_UTINYINT: return std::int16_t{*static_cast<const SQLCHAR*>(buf)};
        case SQL_C_SSHORT: case SQL_C_SHORT: return std::int16_t{*static_cast<const SQLSMALLINT*>(buf)};
        case SQL_C_USHORT: return std::int32_t{*static_cast<const SQLUSMALLINT*>(buf)};
        case SQL_C_SLONG: case SQL_C_LONG: return std::int32_t{*static_cast<const SQLINTEGER*>(buf)};
        case SQL_C_ULONG: return std::int64_t{*static_cast<const SQLUINTEGER*>(buf)};
        case SQL_C_SBIGINT: return std::int64_t{*static_cast<const SQLBIGINT*>(buf)};
        case SQL_C_UBIGINT: return static_cast<std::int64_t>(*static_cast<const SQLUBIGINT*>(buf));
        case SQL_C_BIT: return *static_cast<const SQLCHAR*>(buf) != 0;
        case SQL_C_DOUBLE: return *static_cast<const double*>(buf);
        case SQL_C_FLOAT: return *static_cast<const float*>(buf);
        case SQL_C_BINARY: {
            auto p = static_cast<const std::int8_t*>(buf);
            std::size_t n = ind >= 0 ? static_cast<std::size_t>(ind) : static_cast<std::size_t>(len);
            return ByteArray(p, p + n);
        }
        case SQL_C_TYPE_DATE: case SQL_C_DATE: {
            auto d = static_cast<const SQL_DATE_STRUCT*>(buf);
            return Date{millis_from_civil(d->year, d->month, d->day)};
        }
        case SQL_C_TYPE_TIME: case SQL_C_TIME: {
            auto t = static_cast<const SQL_TIME_STRUCT*>(buf);
            return Time{(static_cast<std::int64_t>(t->hour) * 3600 + t->minute * 60 + t->second) * 1000};
        }
        case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: {
            auto t = static_cast<const SQL_TIMESTAMP_STRUCT*>(buf);
            auto ms = millis_from_civil(t->year, t->month, t->day, t->hour, t->minute, t->second) + t->fraction / 1000000;
            if (sql_type == SQL_TYPE_DATE || sql_type == SQL_DATE) return Date{ms};
            return Timestamp{ms, static_cast<std::int32_t>(t->fraction % 1000000)};
        }
        case SQL_C_GUID: {
            auto g = static_cast<const SQLGUID*>(buf);
            Uuid u;
            u.msb = (static_cast<std::uint64_t>(g->Data1) << 32) | (static_cast<std::uint64_t>(g->Data2) << 16) | g->Data3;
            for (int i = 0; i < 8; ++i) u.lsb = (u.lsb << 8) | g->Data4[i];
            return u;
        }
        case SQL_C_NUMERIC: {
            auto n = static_cast<const SQL_NUMERIC_STRUCT*>(buf);
            Decimal d;
            d.scale = n->scale;
            d.negative = n->sign == 0;
            for (int i = SQL_MAX_NUMERIC_LEN - 1; i >= 0; --i)
                if (!d.magnitude.empty() || n->val[i]) d.magnitude.push_back(n->val[i]);
            if (d.magnitude.empty()) d.negative = false;
            return d;
        }
        default: throw OdbcError("HY003", "unsupported C type " + std::to_string(c_type) + " for a parameter");
    }
    // Character data sent for a typed column: convert where the SQL type asks for it, so
    // "SELECT ... WHERE id = ?" with a string '5' compares numbers.
    const auto& s = text.get<std::string>();
    switch (sql_type) {
        case SQL_INTEGER: case SQL_SMALLINT: case SQL_TINYINT:
            try { return static_cast<std::int32_t>(std::stol(s)); } catch (...) { throw OdbcError("22018", "'" + s + "' is not an integer"); }
        case SQL_BIGINT:
            try { return static_cast<std::int64_t>(std::stoll(s)); } catch (...) { throw OdbcError("22018", "'" + s + "' is not an integer"); }
        case SQL_DOUBLE: case SQL_FLOAT: case SQL_REAL:
            try { return std::stod(s); } catch (...) { throw OdbcError("22018", "'" + s + "' is not a number"); }
        case SQL_DECIMAL: case SQL_NUMERIC: {
            auto d = Decimal::parse(s);
            if (!d) throw OdbcError("22018", "'" + s + "' is not a decimal number");
            return *d;
        }
        default: return text;
    }
}

}  // namespace kindling::odbc
