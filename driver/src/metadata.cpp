#include "metadata.hpp"

#include <cctype>

#include "catalog.hpp"
#include "handles.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::odbc {

namespace {

struct Token {
    std::string text;  // upper-cased unless quoted
    bool quoted = false;
    char punct = 0;    // ',', '.', '(', ')' or 0
};

std::vector<Token> tokenize(const std::string& sql) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < sql.size()) {
        char c = sql[i];
        if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
        if (sql.compare(i, 2, "--") == 0) { auto e = sql.find('\n', i); i = e == std::string::npos ? sql.size() : e; continue; }
        if (sql.compare(i, 2, "/*") == 0) { auto e = sql.find("*/", i); i = e == std::string::npos ? sql.size() : e + 2; continue; }
        if (c == '\'') {  // string literal: skipped
            ++i;
            while (i < sql.size() && !(sql[i] == '\'' && (i + 1 >= sql.size() || sql[i + 1] != '\''))) i += sql[i] == '\'' ? 2 : 1;
            ++i;
            out.push_back({"'", false, 0});
            continue;
        }
        if (c == '"') {
            auto e = sql.find('"', i + 1);
            if (e == std::string::npos) e = sql.size();
            out.push_back({sql.substr(i + 1, e - i - 1), true, 0});
            i = e + 1;
            continue;
        }
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
            std::string w;
            while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_' || sql[i] == '$' ||
                                      static_cast<unsigned char>(sql[i]) >= 0x80))
                w += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
            out.push_back({w, false, 0});
            continue;
        }
        out.push_back({std::string(1, c), false, c});
        ++i;
    }
    return out;
}

bool is_clause_end(const Token& t) {
    static const char* words[] = {"WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "MINUS", "EXCEPT",
                                  "INTERSECT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "ON", "USING", "FOR", "FETCH"};
    if (t.quoted) return false;
    for (auto w : words)
        if (t.text == w) return true;
    return t.punct == ')';
}

}  // namespace

std::vector<std::pair<std::string, std::string>> tables_of(const std::string& sql, const std::string& default_schema) {
    auto toks = tokenize(sql);
    std::vector<std::pair<std::string, std::string>> out;
    auto read_name = [&](std::size_t& i) -> bool {
        if (i >= toks.size() || toks[i].punct || toks[i].text == "'" || (toks[i].text == "SELECT" && !toks[i].quoted)) return false;
        std::string a = toks[i].text, b;
        if (i + 2 < toks.size() && toks[i + 1].punct == '.' && !toks[i + 2].punct) {
            b = toks[i + 2].text;
            i += 3;
            out.emplace_back(a, b);
        } else {
            ++i;
            out.emplace_back(default_schema, a);
        }
        // Skip an alias: [AS] name
        if (i < toks.size() && !toks[i].quoted && toks[i].text == "AS") ++i;
        if (i < toks.size() && !toks[i].punct && !is_clause_end(toks[i]) && toks[i].text != "'") ++i;
        return true;
    };
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (toks[i].quoted) continue;
        if (toks[i].text == "FROM") {
            std::size_t j = i + 1;
            while (read_name(j)) {
                if (j < toks.size() && toks[j].punct == ',') ++j;
                else break;
            }
        } else if (toks[i].text == "JOIN") {
            std::size_t j = i + 1;
            read_name(j);
        }
    }
    return out;
}

void apply_table_metadata(Connection& conn, const std::string& sql, std::vector<ColumnInfo>& columns) {
    auto tables = tables_of(sql, conn.settings.schema);
    if (tables.empty()) return;
    // name -> candidates across the tables read
    std::map<std::string, std::vector<const ColumnInfo*>> by_name;
    for (const auto& [schema, table] : tables)
        for (const auto& c : table_columns_of(conn, schema, table)) by_name[c.name].push_back(&c);
    for (auto& col : columns) {
        auto it = by_name.find(col.name);
        if (it == by_name.end() || it->second.size() != 1) continue;
        col = *it->second.front();
    }
}

const std::vector<ColumnInfo>& table_columns_of(Connection& conn, const std::string& schema, const std::string& table) {
    auto key = schema + "." + table;
    auto it = conn.table_columns.find(key);
    if (it == conn.table_columns.end()) {
        std::vector<ColumnInfo> cols;
        try {
            // Every page: a cluster with many tables has many more than one page of columns.
            // SYS views take no WHERE filters on 2.17: the rows are filtered here.
            auto rows = sys_rows(conn, "SELECT COLUMN_NAME, CAST(TYPE AS VARCHAR), PRECISION, SCALE, NULLABLE, PK, SCHEMA_NAME, TABLE_NAME FROM SYS.TABLE_COLUMNS");
            for (const auto& row : rows) {
                if (row.size() != 8 || row[6].to_string() != schema || row[7].to_string() != table) continue;
                ColumnInfo c;
                c.name = row[0].to_string();
                c.table = table;
                c.schema = schema;
                if (!describe_java_class(row[1].to_string(), c)) continue;
                auto prec = row[2].get_if<std::int32_t>();
                auto scale = row[3].get_if<std::int32_t>();
                if (prec && *prec > 0 && (c.sql_type == SQL_VARCHAR || c.sql_type == SQL_CHAR || c.sql_type == SQL_DECIMAL))
                    c.column_size = static_cast<SQLULEN>(*prec);
                if (scale && *scale >= 0 && c.sql_type == SQL_DECIMAL) c.decimal_digits = static_cast<SQLSMALLINT>(*scale);
                auto nullable = row[4].get_if<bool>();
                auto pk = row[5].get_if<bool>();
                c.nullable = pk && *pk ? SQL_NO_NULLS : nullable ? (*nullable ? SQL_NULLABLE : SQL_NO_NULLS) : SQL_NULLABLE_UNKNOWN;
                cols.push_back(std::move(c));
            }
        } catch (const Error&) {
            // A view, a SYS table or a name the parser got wrong: the values will type the columns.
        }
        // A table not (yet) listed is not remembered as empty: another connection may be creating
        // it, and SYS views of another node can lag a DDL statement by a moment.
        if (cols.empty()) {
            static const std::vector<ColumnInfo> none;
            return none;
        }
        it = conn.table_columns.emplace(key, std::move(cols)).first;
    }
    return it->second;
}

std::optional<InsertTarget> insert_target(const std::string& sql, const std::string& default_schema) {
    auto toks = tokenize(sql);
    std::size_t i = 0;
    auto word = [&](const char* w) { return i < toks.size() && !toks[i].quoted && toks[i].text == w; };
    auto punct = [&](char c) { return i < toks.size() && toks[i].punct == c; };
    if (!word("INSERT") && !word("MERGE")) return std::nullopt;
    ++i;
    if (!word("INTO")) return std::nullopt;
    ++i;
    if (i >= toks.size() || toks[i].punct) return std::nullopt;
    InsertTarget t;
    t.schema = default_schema;
    t.table = toks[i++].text;
    if (punct('.') && i + 1 < toks.size() && !toks[i + 1].punct) {
        t.schema = t.table;
        t.table = toks[i + 1].text;
        i += 2;
    }
    if (word("KEY")) {  // MERGE INTO t KEY (k) (...): the key list names no values
        ++i;
        if (!punct('(')) return std::nullopt;
        while (i < toks.size() && !punct(')')) ++i;
        ++i;
    }
    if (!punct('(')) return std::nullopt;
    ++i;
    std::vector<std::string> names;
    while (i < toks.size() && !punct(')')) {
        if (toks[i].punct == ',') { ++i; continue; }
        if (toks[i].punct) return std::nullopt;
        names.push_back(toks[i++].text);
    }
    ++i;
    if (!word("VALUES")) return std::nullopt;
    ++i;
    // One or more rows of values; a marker standing alone as the k-th value targets the k-th
    // column, any other marker (inside an expression) has no column.
    while (punct('(')) {
        ++i;
        // The tokens of each value of the row, split at the commas outside parentheses.
        std::vector<std::vector<const Token*>> values(1);
        int depth = 0;
        for (; i < toks.size(); ++i) {
            const auto& tk = toks[i];
            if (tk.punct == ')' && depth == 0) break;
            if (tk.punct == '(') ++depth;
            if (tk.punct == ')') --depth;
            if (tk.punct == ',' && depth == 0) values.emplace_back();
            else values.back().push_back(&tk);
        }
        ++i;
        for (std::size_t k = 0; k < values.size(); ++k) {
            bool alone = values[k].size() == 1 && values[k][0]->punct == '?';
            for (const auto* tk : values[k])
                if (tk->punct == '?') t.marker_columns.push_back(alone && k < names.size() ? names[k] : std::string());
        }
        if (punct(',')) ++i;
    }
    return t;
}

}  // namespace kindling::odbc
