#include "escapes.hpp"

#include <cctype>

#include "diagnostics.hpp"

namespace kindling::odbc {

namespace {

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Scalar function names of the ODBC grammar that Ignite (H2) spells differently.
std::string map_function(const std::string& body) {
    auto paren = body.find('(');
    auto name = upper(body.substr(0, paren));
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
    std::string rest = paren == std::string::npos ? std::string() : body.substr(paren);
    if (name == "CURDATE" || name == "CURRENT_DATE") return "CURRENT_DATE";
    if (name == "CURTIME" || name == "CURRENT_TIME") return "CURRENT_TIME";
    if (name == "NOW" || name == "CURRENT_TIMESTAMP") return "CURRENT_TIMESTAMP";
    if (name == "UCASE") return "UPPER" + rest;
    if (name == "LCASE") return "LOWER" + rest;
    if (name == "IFNULL") return "COALESCE" + rest;
    if (name == "DAYOFMONTH") return "DAY_OF_MONTH" + rest;
    return body;
}

class Translator {
public:
    explicit Translator(const std::string& s) : s_(s) {}

    std::string run() {
        auto out = until(false);
        if (i_ < s_.size()) throw OdbcError("42000", "unbalanced '}' in the ODBC escape at offset " + std::to_string(i_));
        return out;
    }

private:
    // Copies text until the end (or a closing brace when `inside`), translating escapes.
    std::string until(bool inside) {
        std::string out;
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (c == '\'' || c == '"') {
                auto end = s_.find(c, i_ + 1);
                while (end != std::string::npos && end + 1 < s_.size() && s_[end + 1] == c) end = s_.find(c, end + 2);
                if (end == std::string::npos) end = s_.size() - 1;
                out += s_.substr(i_, end - i_ + 1);
                i_ = end + 1;
            } else if (c == '-' && i_ + 1 < s_.size() && s_[i_ + 1] == '-') {
                auto end = s_.find('\n', i_);
                if (end == std::string::npos) end = s_.size();
                out += s_.substr(i_, end - i_);
                i_ = end;
            } else if (c == '{') {
                // Each nesting level is a stack frame: a hostile text of 30 000 '{fn ' would
                // otherwise end the host process (seen with pyodbc). Real SQL nests a few levels.
                if (++depth_ > kMaxNesting)
                    throw OdbcError("42000", "ODBC escapes nested deeper than " + std::to_string(kMaxNesting) + " levels (offset " +
                                                 std::to_string(i_) + ")");
                ++i_;
                out += escape();
                --depth_;
            } else if (c == '}') {
                if (inside) {
                    ++i_;
                    return out;
                }
                return out;  // run() reports it
            } else {
                out += c;
                ++i_;
            }
        }
        if (inside) throw OdbcError("42000", "an ODBC escape '{' is not closed");
        return out;
    }

    std::string escape() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
        std::string kw;
        while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) kw += s_[i_++];
        kw = upper(kw);
        auto body = until(true);
        auto trim = [](std::string v) {
            while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.erase(v.begin());
            while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
            return v;
        };
        body = trim(body);
        if (kw == "D") return "DATE " + body;
        if (kw == "T") return "TIME " + body;
        if (kw == "TS") return "TIMESTAMP " + body;
        if (kw == "FN") return map_function(body);
        if (kw == "OJ") return body;
        if (kw == "ESCAPE") return "ESCAPE " + body;
        if (kw == "GUID") return body;
        if (kw == "CALL" || kw.empty())
            throw OdbcError("HYC00", "the ODBC escape '{" + kw + "' is not supported (Ignite has no stored procedures)");
        throw OdbcError("42000", "unknown ODBC escape '{" + kw + "'");
    }

    const std::string& s_;
    static constexpr int kMaxNesting = 200;
    int depth_ = 0;
    std::size_t i_ = 0;
};

}  // namespace

std::string translate_escapes(const std::string& sql) {
    if (sql.find('{') == std::string::npos) return sql;  // the common case costs one scan
    return Translator(sql).run();
}

}  // namespace kindling::odbc
