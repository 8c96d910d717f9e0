#include <cstring>

#include "conversions.hpp"
#include "guard.hpp"

namespace kindling::odbc {

namespace {
template <class Len>
SQLRETURN copy_bytes(Diagnostics& d, const std::string& s, char* buf, Len len, Len* out_len) {
    if (out_len) *out_len = static_cast<Len>(s.size());
    if (!buf) return SQL_SUCCESS;  // a length query
    if (len <= 0) {
        if (s.empty()) return SQL_SUCCESS;
        d.add("01004", "string data, right truncated");
        return SQL_SUCCESS_WITH_INFO;
    }
    auto n = std::min<std::size_t>(s.size(), static_cast<std::size_t>(len) - 1);
    // Never cut a UTF-8 sequence in half.
    while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    std::memcpy(buf, s.data(), n);
    buf[n] = 0;
    if (n < s.size()) {
        d.add("01004", "string data, right truncated");
        return SQL_SUCCESS_WITH_INFO;
    }
    return SQL_SUCCESS;
}
}  // namespace

SQLRETURN copy_out(Diagnostics& d, const std::string& s, SQLCHAR* buf, SQLSMALLINT len, SQLSMALLINT* out_len) {
    return copy_bytes(d, s, reinterpret_cast<char*>(buf), len, out_len);
}
SQLRETURN copy_out(Diagnostics& d, const std::string& s, SQLPOINTER buf, SQLINTEGER len, SQLINTEGER* out_len) {
    return copy_bytes(d, s, static_cast<char*>(buf), len, out_len);
}

SQLRETURN copy_out_w(Diagnostics& d, const std::string& s, SQLWCHAR* buf, SQLSMALLINT len, SQLSMALLINT* out) {
    auto w = utf8_to_utf16(s);
    if (out) *out = static_cast<SQLSMALLINT>(w.size());
    if (!buf) return SQL_SUCCESS;  // a length query
    if (len <= 0) {
        if (w.empty()) return SQL_SUCCESS;
        d.add("01004", "string data, right truncated");
        return SQL_SUCCESS_WITH_INFO;
    }
    auto n = std::min<std::size_t>(w.size(), static_cast<std::size_t>(len) - 1);
    if (n > 0 && n < w.size() && w[n - 1] >= 0xD800 && w[n - 1] < 0xDC00) --n;  // keep surrogate pairs whole
    std::memcpy(buf, w.data(), n * 2);
    buf[n] = 0;
    if (n < w.size()) {
        d.add("01004", "string data, right truncated");
        return SQL_SUCCESS_WITH_INFO;
    }
    return SQL_SUCCESS;
}

SQLRETURN copy_out_w_bytes(Diagnostics& d, const std::string& s, SQLPOINTER buf, SQLINTEGER len, SQLINTEGER* out) {
    SQLSMALLINT chars = 0;
    auto rc = copy_out_w(d, s, static_cast<SQLWCHAR*>(buf), static_cast<SQLSMALLINT>(std::min<SQLINTEGER>(len / 2, 32767)), &chars);
    if (out) *out = static_cast<SQLINTEGER>(utf8_to_utf16(s).size() * 2);
    return rc;
}

std::string in_string(const SQLCHAR* s, SQLINTEGER len) {
    if (!s) return {};
    if (len == SQL_NTS) return reinterpret_cast<const char*>(s);
    if (len < 0) throw OdbcError("HY090", "invalid string or buffer length " + std::to_string(len));
    return std::string(reinterpret_cast<const char*>(s), static_cast<std::size_t>(len));
}

std::string in_wstring(const SQLWCHAR* s, SQLINTEGER len) {
    if (!s) return {};
    auto p = reinterpret_cast<const char16_t*>(s);
    std::size_t n = 0;
    if (len == SQL_NTS) {
        while (p[n]) ++n;
    } else if (len < 0) {
        throw OdbcError("HY090", "invalid string or buffer length " + std::to_string(len));
    } else {
        n = static_cast<std::size_t>(len);
    }
    return utf16_to_utf8(p, n);
}

}  // namespace kindling::odbc
