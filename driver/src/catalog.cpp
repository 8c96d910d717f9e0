#include "catalog.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>
#include <string_view>

#include "handles.hpp"
#include "kindling/net/cursor.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::odbc {

using Rows = std::vector<std::vector<Value>>;

Rows sys_rows(Connection& conn, const std::string& sql, std::vector<Value> args, std::shared_ptr<net::Channel> ch) {
    conn.cluster();  // 08003 when not connected
    protocol::SqlFieldsQuery q;
    q.schema = "SYS";
    q.sql = sql;
    q.args = std::move(args);
    q.include_field_names = false;
    // The connection's PAGE_SIZE, like every other cursor: a big cluster's SYS.TABLE_COLUMNS has
    // many pages, and every one of them is read.
    q.page_size = conn.settings.page_size;
    if (!conn.log || !conn.log->enabled(LogLevel::Debug))
        return net::SqlFieldsCursor::execute(conn.client, q, std::move(ch)).remaining_rows();
    auto started = std::chrono::steady_clock::now();
    auto rows = net::SqlFieldsCursor::execute(conn.client, q, std::move(ch)).remaining_rows();
    conn.log->debug("catalog query in " + log_duration(std::chrono::steady_clock::now() - started) + " (" +
                    std::to_string(rows.size()) + " rows)" + (q.args.empty() ? std::string() : " with parameters " + log_values(q.args)) +
                    ": " + sql);
    return rows;
}

namespace {

Rows sys_query(Statement& st, const std::string& sql, std::vector<Value> args = {}) {
    return sys_rows(*st.conn, sql, std::move(args), nullptr);
}

ColumnInfo col(const char* name, SQLSMALLINT type, SQLSMALLINT nullable = SQL_NULLABLE) {
    ColumnInfo c;
    c.name = name;
    c.sql_type = type;
    c.column_size = type == SQL_VARCHAR ? 128 : type == SQL_INTEGER ? 10 : 5;
    c.nullable = nullable;
    c.type_known = true;
    return c;
}

std::string str(const Value& v) { return v.is<std::string>() ? v.get<std::string>() : v.is_null() ? std::string() : v.to_string(); }

// ODBC search patterns (% any run, _ one character, \ escapes): SYS views do not take LIKE
// filters, so rows are matched here. Unset or empty patterns match everything.
bool like(std::string_view p, std::string_view s) {
    if (p.empty()) return s.empty();
    if (p[0] == '%') {
        for (std::size_t i = 0; i <= s.size(); ++i)
            if (like(p.substr(1), s.substr(i))) return true;
        return false;
    }
    if (s.empty()) return false;
    if (p[0] == '\\' && p.size() > 1) return p[1] == s[0] && like(p.substr(2), s.substr(1));
    if (p[0] == '_' || p[0] == s[0]) return like(p.substr(1), s.substr(1));
    return false;
}
bool matches(const std::optional<std::string>& pattern, const Value& v) {
    return !pattern || pattern->empty() || like(*pattern, str(v));
}

// With SQL_ATTR_METADATA_ID true a catalog argument is an identifier, not a pattern: unquoted it
// folds to upper case as the server folds names, quoted it is taken as written; either way '_'
// and '%' are themselves (RODBC's literal = TRUE relies on it).
std::optional<std::string> catalog_argument(const Statement& st, const std::optional<std::string>& arg) {
    if (!arg || !st.metadata_id) return arg;
    std::string name = *arg;
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        name = name.substr(1, name.size() - 2);
    } else {
        for (auto& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    std::string pattern;
    for (char ch : name) {
        if (ch == '_' || ch == '%' || ch == '\\') pattern += '\\';
        pattern += ch;
    }
    return pattern;
}

// SYS.INDEXES.COLUMNS lists the indexed columns as '"A" ASC, "B" DESC': (name, descending) pairs.
std::vector<std::pair<std::string, bool>> index_columns(const std::string& list) {
    std::vector<std::pair<std::string, bool>> out;
    std::size_t pos = 0;
    while ((pos = list.find('"', pos)) != std::string::npos) {
        auto end = list.find('"', pos + 1);
        if (end == std::string::npos) break;
        out.emplace_back(list.substr(pos + 1, end - pos - 1), list.substr(end + 1, 6).find("DESC") != std::string::npos);
        pos = end + 1;
    }
    return out;
}

}  // namespace

void catalog_tables(Statement& st, const std::optional<std::string>& catalog, const std::optional<std::string>& schema_arg,
                    const std::optional<std::string>& table_arg, const std::optional<std::string>& types) {
    auto schema = catalog_argument(st, schema_arg), table = catalog_argument(st, table_arg);
    std::vector<ColumnInfo> cols{col("TABLE_CAT", SQL_VARCHAR), col("TABLE_SCHEM", SQL_VARCHAR), col("TABLE_NAME", SQL_VARCHAR),
                                 col("TABLE_TYPE", SQL_VARCHAR), col("REMARKS", SQL_VARCHAR)};
    Rows rows;
    auto is = [](const std::optional<std::string>& v, const char* what) { return v && *v == what; };
    auto empty = [](const std::optional<std::string>& v) { return !v || v->empty(); };
    // The special enumerations of SQLTables.
    if (is(catalog, SQL_ALL_CATALOGS) && empty(schema) && empty(table)) {
        return st.set_catalog_result(cols, {});
    }
    if (is(schema, SQL_ALL_SCHEMAS) && empty(catalog) && empty(table)) {
        for (auto& r : sys_query(st, "SELECT SCHEMA_NAME FROM SYS.SCHEMAS ORDER BY SCHEMA_NAME"))
            rows.push_back({Value{}, r[0], Value{}, Value{}, Value{}});
        return st.set_catalog_result(cols, std::move(rows));
    }
    if (is(types, SQL_ALL_TABLE_TYPES) && empty(catalog) && empty(schema) && empty(table)) {
        rows.push_back({Value{}, Value{}, Value{}, Value("TABLE"), Value{}});
        rows.push_back({Value{}, Value{}, Value{}, Value("VIEW"), Value{}});
        return st.set_catalog_result(cols, std::move(rows));
    }
    bool want_table = empty(types), want_view = empty(types);
    if (!empty(types)) {
        auto t = *types;
        std::transform(t.begin(), t.end(), t.begin(), ::toupper);
        want_table = t.find("TABLE") != std::string::npos;
        want_view = t.find("VIEW") != std::string::npos;
    }
    if (want_table)
        for (auto& r : sys_query(st, "SELECT SCHEMA_NAME, TABLE_NAME FROM SYS.TABLES"))
            if (matches(schema, r[0]) && matches(table, r[1])) rows.push_back({Value{}, r[0], r[1], Value("TABLE"), Value{}});
    if (want_view)
        for (auto& r : sys_query(st, "SELECT SCHEMA, NAME FROM SYS.VIEWS"))
            if (matches(schema, r[0]) && matches(table, r[1])) rows.push_back({Value{}, r[0], r[1], Value("VIEW"), Value{}});
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::tie(a[3].template get<std::string>(), a[1].template get<std::string>(), a[2].template get<std::string>()) <
               std::tie(b[3].template get<std::string>(), b[1].template get<std::string>(), b[2].template get<std::string>());
    });
    st.set_catalog_result(cols, std::move(rows));
}

void catalog_columns(Statement& st, const std::optional<std::string>& schema_arg, const std::optional<std::string>& table_arg,
                     const std::optional<std::string>& column_arg) {
    auto schema = catalog_argument(st, schema_arg), table = catalog_argument(st, table_arg), column = catalog_argument(st, column_arg);
    std::vector<ColumnInfo> cols{
        col("TABLE_CAT", SQL_VARCHAR), col("TABLE_SCHEM", SQL_VARCHAR), col("TABLE_NAME", SQL_VARCHAR, SQL_NO_NULLS),
        col("COLUMN_NAME", SQL_VARCHAR, SQL_NO_NULLS), col("DATA_TYPE", SQL_SMALLINT, SQL_NO_NULLS), col("TYPE_NAME", SQL_VARCHAR, SQL_NO_NULLS),
        col("COLUMN_SIZE", SQL_INTEGER), col("BUFFER_LENGTH", SQL_INTEGER), col("DECIMAL_DIGITS", SQL_SMALLINT),
        col("NUM_PREC_RADIX", SQL_SMALLINT), col("NULLABLE", SQL_SMALLINT, SQL_NO_NULLS), col("REMARKS", SQL_VARCHAR),
        col("COLUMN_DEF", SQL_VARCHAR), col("SQL_DATA_TYPE", SQL_SMALLINT, SQL_NO_NULLS), col("SQL_DATETIME_SUB", SQL_SMALLINT),
        col("CHAR_OCTET_LENGTH", SQL_INTEGER), col("ORDINAL_POSITION", SQL_INTEGER, SQL_NO_NULLS), col("IS_NULLABLE", SQL_VARCHAR)};
    auto all = sys_query(st, "SELECT SCHEMA_NAME, TABLE_NAME, COLUMN_NAME, CAST(TYPE AS VARCHAR), PRECISION, SCALE, NULLABLE, CAST(DEFAULT_VALUE AS VARCHAR), PK "
                             "FROM SYS.TABLE_COLUMNS");
    Rows found;
    for (auto& r : all)
        if (matches(schema, r[0]) && matches(table, r[1]) && matches(column, r[2])) found.push_back(std::move(r));
    Rows rows;
    // Column order: SYS.TABLE_COLUMNS has no ordinal, so the order of SELECT * (which also leaves out
    // the hidden _KEY/_VAL columns) is asked once per table.
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> order;
    for (auto& r : found) {
        auto key = std::make_pair(str(r[0]), str(r[1]));
        if (!order.count(key)) {
            std::vector<std::string> names;
            try {
                protocol::SqlFieldsQuery q;
                q.schema = key.first;
                q.sql = "SELECT * FROM \"" + key.first + "\".\"" + key.second + "\" WHERE 1=0";
                names = net::SqlFieldsCursor::execute(st.conn->client, q).column_names();
            } catch (const Error&) {
            }
            order[key] = std::move(names);
        }
        const auto& names = order[key];
        auto name = str(r[2]);
        auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) continue;  // hidden _KEY/_VAL
        ColumnInfo ci;
        if (!describe_java_class(str(r[3]), ci)) describe_type_code(TypeCode::String, ci);
        auto precision = r[4].is<std::int32_t>() ? r[4].get<std::int32_t>() : -1;
        auto scale = r[5].is<std::int32_t>() ? r[5].get<std::int32_t>() : -1;
        if (precision > 0 && (ci.sql_type == SQL_VARCHAR || ci.sql_type == SQL_DECIMAL || ci.sql_type == SQL_CHAR)) ci.column_size = static_cast<SQLULEN>(precision);
        if (scale >= 0 && ci.sql_type == SQL_DECIMAL) ci.decimal_digits = static_cast<SQLSMALLINT>(scale);
        // Key columns cannot be NULL, whatever the view's NULLABLE says.
        bool nullable = (r[6].is<bool>() ? r[6].get<bool>() : true) && !(r[8].is<bool>() && r[8].get<bool>());
        bool is_datetime = ci.sql_type == SQL_TYPE_DATE || ci.sql_type == SQL_TYPE_TIME || ci.sql_type == SQL_TYPE_TIMESTAMP;
        bool is_numeric = ci.sql_type != SQL_VARCHAR && ci.sql_type != SQL_CHAR && ci.sql_type != SQL_VARBINARY &&
                          ci.sql_type != SQL_GUID && !is_datetime;
        rows.push_back({Value{}, r[0], r[1], Value(name), Value(std::int16_t(ci.sql_type)), Value(std::string(sql_type_name(ci.sql_type))),
                        Value(std::int32_t(ci.column_size)), Value(std::int32_t(octet_length(ci))),
                        is_numeric || ci.sql_type == SQL_TYPE_TIMESTAMP ? Value(std::int16_t(ci.decimal_digits)) : Value{},
                        is_numeric ? Value(std::int16_t(10)) : Value{}, Value(std::int16_t(nullable ? SQL_NULLABLE : SQL_NO_NULLS)),
                        Value{}, r[7].is_null() ? Value{} : Value(str(r[7])),
                        Value(std::int16_t(is_datetime ? SQL_DATETIME : ci.sql_type)),
                        is_datetime ? Value(std::int16_t(ci.sql_type - SQL_TYPE_DATE + SQL_CODE_DATE)) : Value{},
                        ci.sql_type == SQL_VARCHAR || ci.sql_type == SQL_CHAR ? Value(std::int32_t(char_bytes(ci.column_size))) : Value{},
                        Value(std::int32_t(it - names.begin() + 1)), Value(std::string(nullable ? "YES" : "NO"))});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return std::make_tuple(str(a[1]), str(a[2]), a[16].template get<std::int32_t>()) <
               std::make_tuple(str(b[1]), str(b[2]), b[16].template get<std::int32_t>());
    });
    st.set_catalog_result(cols, std::move(rows));
}

void catalog_primary_keys(Statement& st, const std::optional<std::string>& schema, const std::string& table) {
    std::vector<ColumnInfo> cols{col("TABLE_CAT", SQL_VARCHAR), col("TABLE_SCHEM", SQL_VARCHAR), col("TABLE_NAME", SQL_VARCHAR, SQL_NO_NULLS),
                                 col("COLUMN_NAME", SQL_VARCHAR, SQL_NO_NULLS), col("KEY_SEQ", SQL_SMALLINT, SQL_NO_NULLS), col("PK_NAME", SQL_VARCHAR)};
    auto want_schema = schema && !schema->empty() ? *schema : st.conn->settings.schema;
    // The real key columns: a composite key lists its fields in the PK index; a single-field key
    // is the hidden _KEY column under the table's KEY_ALIAS name.
    std::string key_alias;
    for (auto& r : sys_query(st, "SELECT SCHEMA_NAME, TABLE_NAME, KEY_ALIAS FROM SYS.TABLES"))
        if (str(r[0]) == want_schema && str(r[1]) == table) key_alias = str(r[2]);
    Rows rows;
    for (auto& r : sys_query(st, "SELECT SCHEMA_NAME, TABLE_NAME, INDEX_NAME, COLUMNS, IS_PK FROM SYS.INDEXES")) {
        if (str(r[0]) != want_schema || str(r[1]) != table || !(r[4].is<bool>() && r[4].get<bool>())) continue;
        std::int16_t seq = 0;
        for (auto [name, descending] : index_columns(str(r[3]))) {
            if (name == "_KEY" && !key_alias.empty()) name = key_alias;
            rows.push_back({Value{}, r[0], r[1], Value(name), Value(++seq), r[2]});
        }
        break;
    }
    st.set_catalog_result(cols, std::move(rows));
}

void catalog_statistics(Statement& st, const std::optional<std::string>& schema, const std::string& table, bool unique_only) {
    std::vector<ColumnInfo> cols{col("TABLE_CAT", SQL_VARCHAR), col("TABLE_SCHEM", SQL_VARCHAR), col("TABLE_NAME", SQL_VARCHAR, SQL_NO_NULLS),
                                 col("NON_UNIQUE", SQL_SMALLINT), col("INDEX_QUALIFIER", SQL_VARCHAR), col("INDEX_NAME", SQL_VARCHAR),
                                 col("TYPE", SQL_SMALLINT, SQL_NO_NULLS), col("ORDINAL_POSITION", SQL_SMALLINT), col("COLUMN_NAME", SQL_VARCHAR),
                                 col("ASC_OR_DESC", SQL_CHAR), col("CARDINALITY", SQL_INTEGER), col("PAGES", SQL_INTEGER),
                                 col("FILTER_CONDITION", SQL_VARCHAR)};
    auto want_schema = schema && !schema->empty() ? *schema : st.conn->settings.schema;
    std::string key_alias;  // the column a one-column key is known by (the hidden _KEY otherwise)
    for (auto& r : sys_query(st, "SELECT SCHEMA_NAME, TABLE_NAME, KEY_ALIAS FROM SYS.TABLES"))
        if (str(r[0]) == want_schema && str(r[1]) == table) key_alias = str(r[2]);
    Rows idx;
    for (auto& r : sys_query(st, "SELECT SCHEMA_NAME, TABLE_NAME, INDEX_NAME, COLUMNS, IS_UNIQUE, IS_PK FROM SYS.INDEXES"))
        if (str(r[0]) == want_schema && str(r[1]) == table) idx.push_back(std::move(r));
    std::set<std::string> index_names;
    for (const auto& r : idx) index_names.insert(str(r[2]));
    Rows rows;
    for (auto& r : idx) {
        // With a one-column key, Ignite (H2, 2.17) lists every index twice: "I" over the hidden
        // _KEY column and "I_proxy" over the key's column. ODBC: one index is one set of rows.
        auto index = str(r[2]);
        constexpr std::string_view proxy = "_proxy";
        if (index.size() > proxy.size() && index.ends_with(proxy) && index_names.count(index.substr(0, index.size() - proxy.size())))
            continue;
        bool pk = r[5].is<bool>() && r[5].get<bool>();
        bool unique = (r[4].is<bool>() && r[4].get<bool>()) || pk;
        if (unique_only && !unique) continue;
        std::int16_t seq = 0;
        for (auto [name, descending] : index_columns(str(r[3]))) {
            // COLUMN_NAME is a column of the table: the key index's _KEY is the key's column, and the
            // _KEY (or _VAL) H2 appends to other indexes to make their entries unique is no column.
            if (name == "_KEY" && pk && !key_alias.empty()) name = key_alias;
            else if (name == "_KEY" || name == "_VAL") continue;
            rows.push_back({Value{}, r[0], r[1], Value(std::int16_t(unique ? 0 : 1)), Value{}, r[2], Value(std::int16_t(SQL_INDEX_OTHER)),
                            Value(++seq), Value(name), Value(std::string(descending ? "D" : "A")), Value{}, Value{}, Value{}});
        }
    }
    st.set_catalog_result(cols, std::move(rows));
}

void catalog_foreign_keys(Statement& st) {
    std::vector<ColumnInfo> cols;
    for (auto n : {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME"})
        cols.push_back(col(n, SQL_VARCHAR));
    cols.push_back(col("KEY_SEQ", SQL_SMALLINT));
    cols.push_back(col("UPDATE_RULE", SQL_SMALLINT));
    cols.push_back(col("DELETE_RULE", SQL_SMALLINT));
    cols.push_back(col("FK_NAME", SQL_VARCHAR));
    cols.push_back(col("PK_NAME", SQL_VARCHAR));
    cols.push_back(col("DEFERRABILITY", SQL_SMALLINT));
    st.set_catalog_result(cols, {});  // Ignite has no foreign keys
}

// Ignite has no stored procedures: empty results with the shapes ODBC 3 prescribes.
void catalog_procedures(Statement& st) {
    // ODBC gives NUM_INPUT_PARAMS, NUM_OUTPUT_PARAMS and NUM_RESULT_SETS no type ("N/A", reserved);
    // INTEGER is what drivers report for them.
    st.set_catalog_result({col("PROCEDURE_CAT", SQL_VARCHAR), col("PROCEDURE_SCHEM", SQL_VARCHAR),
                           col("PROCEDURE_NAME", SQL_VARCHAR, SQL_NO_NULLS), col("NUM_INPUT_PARAMS", SQL_INTEGER),
                           col("NUM_OUTPUT_PARAMS", SQL_INTEGER), col("NUM_RESULT_SETS", SQL_INTEGER),
                           col("REMARKS", SQL_VARCHAR), col("PROCEDURE_TYPE", SQL_SMALLINT)},
                          {});
}

void catalog_procedure_columns(Statement& st) {
    st.set_catalog_result(
        {col("PROCEDURE_CAT", SQL_VARCHAR), col("PROCEDURE_SCHEM", SQL_VARCHAR),
         col("PROCEDURE_NAME", SQL_VARCHAR, SQL_NO_NULLS), col("COLUMN_NAME", SQL_VARCHAR, SQL_NO_NULLS),
         col("COLUMN_TYPE", SQL_SMALLINT, SQL_NO_NULLS), col("DATA_TYPE", SQL_SMALLINT, SQL_NO_NULLS),
         col("TYPE_NAME", SQL_VARCHAR, SQL_NO_NULLS), col("COLUMN_SIZE", SQL_INTEGER), col("BUFFER_LENGTH", SQL_INTEGER),
         col("DECIMAL_DIGITS", SQL_SMALLINT), col("NUM_PREC_RADIX", SQL_SMALLINT), col("NULLABLE", SQL_SMALLINT, SQL_NO_NULLS),
         col("REMARKS", SQL_VARCHAR), col("COLUMN_DEF", SQL_VARCHAR), col("SQL_DATA_TYPE", SQL_SMALLINT, SQL_NO_NULLS),
         col("SQL_DATETIME_SUB", SQL_SMALLINT), col("CHAR_OCTET_LENGTH", SQL_INTEGER),
         col("ORDINAL_POSITION", SQL_INTEGER, SQL_NO_NULLS), col("IS_NULLABLE", SQL_VARCHAR)},
        {});
}

void catalog_special_columns(Statement& st, const std::optional<std::string>&, const std::string&) {
    std::vector<ColumnInfo> cols{col("SCOPE", SQL_SMALLINT), col("COLUMN_NAME", SQL_VARCHAR), col("DATA_TYPE", SQL_SMALLINT),
                                 col("TYPE_NAME", SQL_VARCHAR), col("COLUMN_SIZE", SQL_INTEGER), col("BUFFER_LENGTH", SQL_INTEGER),
                                 col("DECIMAL_DIGITS", SQL_SMALLINT), col("PSEUDO_COLUMN", SQL_SMALLINT)};
    st.set_catalog_result(cols, {});
}

void catalog_type_info(Statement& st, short data_type) {
    std::vector<ColumnInfo> cols{col("TYPE_NAME", SQL_VARCHAR, SQL_NO_NULLS), col("DATA_TYPE", SQL_SMALLINT, SQL_NO_NULLS), col("COLUMN_SIZE", SQL_INTEGER),
                                 col("LITERAL_PREFIX", SQL_VARCHAR), col("LITERAL_SUFFIX", SQL_VARCHAR), col("CREATE_PARAMS", SQL_VARCHAR),
                                 col("NULLABLE", SQL_SMALLINT, SQL_NO_NULLS), col("CASE_SENSITIVE", SQL_SMALLINT, SQL_NO_NULLS),
                                 col("SEARCHABLE", SQL_SMALLINT, SQL_NO_NULLS), col("UNSIGNED_ATTRIBUTE", SQL_SMALLINT),
                                 col("FIXED_PREC_SCALE", SQL_SMALLINT, SQL_NO_NULLS), col("AUTO_UNIQUE_VALUE", SQL_SMALLINT),
                                 col("LOCAL_TYPE_NAME", SQL_VARCHAR), col("MINIMUM_SCALE", SQL_SMALLINT), col("MAXIMUM_SCALE", SQL_SMALLINT),
                                 col("SQL_DATA_TYPE", SQL_SMALLINT, SQL_NO_NULLS), col("SQL_DATETIME_SUB", SQL_SMALLINT),
                                 col("NUM_PREC_RADIX", SQL_INTEGER), col("INTERVAL_PRECISION", SQL_SMALLINT)};
    struct T { const char* name; SQLSMALLINT type; std::int32_t size; const char* prefix; const char* suffix; const char* params; bool unsig; bool numeric; };
    // Every type the server's SQL knows, DATE/TIME/TIMESTAMP included, sorted by DATA_TYPE as ODBC requires.
    static const T types[] = {
        {"UUID", SQL_GUID, 36, "'", "'", nullptr, false, false},
        {"BOOLEAN", SQL_BIT, 1, nullptr, nullptr, nullptr, false, false},
        {"TINYINT", SQL_TINYINT, 3, nullptr, nullptr, nullptr, false, true},
        {"BIGINT", SQL_BIGINT, 19, nullptr, nullptr, nullptr, false, true},
        {"VARBINARY", SQL_VARBINARY, 2147483647, "X'", "'", "length", false, false},
        {"CHAR", SQL_CHAR, 2147483647, "'", "'", "length", false, false},
        {"DECIMAL", SQL_DECIMAL, 38, nullptr, nullptr, "precision,scale", false, true},
        {"INTEGER", SQL_INTEGER, 10, nullptr, nullptr, nullptr, false, true},
        {"SMALLINT", SQL_SMALLINT, 5, nullptr, nullptr, nullptr, false, true},
        {"REAL", SQL_REAL, 7, nullptr, nullptr, nullptr, false, true},
        {"DOUBLE", SQL_DOUBLE, 15, nullptr, nullptr, nullptr, false, true},
        {"VARCHAR", SQL_VARCHAR, 2147483647, "'", "'", "length", false, false},
        {"DATE", SQL_TYPE_DATE, 10, "DATE '", "'", nullptr, false, false},
        {"TIME", SQL_TYPE_TIME, 8, "TIME '", "'", nullptr, false, false},
        {"TIMESTAMP", SQL_TYPE_TIMESTAMP, 29, "TIMESTAMP '", "'", nullptr, false, false},
    };
    Rows rows;
    auto opt = [](const char* s) { return s ? Value(std::string(s)) : Value{}; };
    for (const auto& t : types) {
        if (data_type != SQL_ALL_TYPES && data_type != t.type) continue;
        bool dt = t.type == SQL_TYPE_DATE || t.type == SQL_TYPE_TIME || t.type == SQL_TYPE_TIMESTAMP;
        rows.push_back({Value(std::string(t.name)), Value(std::int16_t(t.type)), Value(t.size), opt(t.prefix), opt(t.suffix), opt(t.params),
                        Value(std::int16_t(SQL_NULLABLE)), Value(std::int16_t(t.prefix && std::string(t.prefix) == "'" ? 1 : 0)),
                        Value(std::int16_t(SQL_SEARCHABLE)), t.numeric ? Value(std::int16_t(0)) : Value{}, Value(std::int16_t(0)),
                        t.numeric ? Value(std::int16_t(0)) : Value{}, Value(std::string(t.name)),
                        t.type == SQL_DECIMAL || t.type == SQL_TYPE_TIMESTAMP ? Value(std::int16_t(0)) : Value{},
                        t.type == SQL_DECIMAL ? Value(std::int16_t(38)) : t.type == SQL_TYPE_TIMESTAMP ? Value(std::int16_t(9)) : Value{},
                        Value(std::int16_t(dt ? SQL_DATETIME : t.type)), dt ? Value(std::int16_t(t.type - SQL_TYPE_DATE + SQL_CODE_DATE)) : Value{},
                        t.numeric ? Value(std::int32_t(10)) : Value{}, Value{}});
    }
    st.set_catalog_result(cols, std::move(rows));
}

}  // namespace kindling::odbc
