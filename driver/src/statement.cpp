// A statement's lifetime, its descriptors, preparing, and describing its result and parameters.
// Execution is in statement_execute.cpp, parameter values in parameters.cpp, the result's rows
// in result_pages.cpp, SQLCancel in cancel.cpp.
#include <algorithm>
#include <optional>

#include "descriptor.hpp"
#include "escapes.hpp"
#include "handles.hpp"
#include "metadata.hpp"
#include "statement_text.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::odbc {

Statement::Statement(Connection* c) : HandleBase(HandleTag::Stmt), conn(c), metadata_id(c && c->metadata_id) {
    imp_ard = std::make_unique<Descriptor>(c, this, DescKind::Ard);
    imp_apd = std::make_unique<Descriptor>(c, this, DescKind::Apd);
    imp_ird = std::make_unique<Descriptor>(c, this, DescKind::Ird);
    imp_ipd = std::make_unique<Descriptor>(c, this, DescKind::Ipd);
    ard_ = imp_ard.get();
    apd_ = imp_apd.get();
}

Statement::~Statement() {
    close_cursor();
    for (auto [d, as] : {std::pair{ard_, DescKind::Ard}, std::pair{apd_, DescKind::Apd}})
        if (d && d->is_explicit() && is_live_handle(d)) d->detach(this, as);
}

std::vector<ColumnInfo>& Statement::result_columns() const noexcept { return imp_ird->columns; }

void Statement::use_descriptor(DescKind as, Descriptor* desc) {
    auto& current = as == DescKind::Ard ? ard_ : apd_;
    auto& implicit = as == DescKind::Ard ? imp_ard : imp_apd;
    if (desc == nullptr) desc = implicit.get();
    if (desc == current) return;
    // The implicit descriptor keeps its records meanwhile: switching back finds them as they were.
    if (current->is_explicit()) current->detach(this, as);
    current = desc;
    if (desc->is_explicit()) desc->attach(this, as);
}

std::size_t Statement::param_count() const { return count_markers(sql); }

void Statement::prepare(std::string text) {
    close_cursor();
    sql = translate_escapes(text);
    if (conn->log) conn->log->debug("prepare: " + sql);
    need_data = false;
    dae = {};
    queued.clear();
    prepared = true;
    executed = false;
    row_count = -1;
    result_columns().clear();
}

void Statement::infer_column_types() {
    for (std::size_t c = 0; c < result_columns().size(); ++c) {
        auto& col = result_columns()[c];
        if (col.type_known) continue;
        for (std::size_t r = 0; r < page().row_count(); ++r) {
            const auto& v = page().at(r, c);
            if (!v.is_null()) {
                describe_type_code(v.type_code(), col);
                // A value tells no scale: a typed client binding DECIMAL(38,0) would silently
                // drop the fraction of every later row. As text, no digit can be lost.
                if (col.sql_type == SQL_DECIMAL) col.sql_type = SQL_VARCHAR, col.column_size = kUnboundedLength;
                break;
            }
        }
    }
}

void Statement::type_result_columns(const std::string& server_sql, const std::string& text) {
    std::optional<std::vector<ColumnInfo>> described;
    try {
        described = conn->server_metadata ? conn->server_metadata->result_columns(server_sql) : std::nullopt;
    } catch (const SqlError&) {
        // The statement ran, so this is the two flavours' parsers disagreeing: fall back.
    }
    if (described && described->size() == result_columns().size()) {
        for (std::size_t i = 0; i < result_columns().size(); ++i) {
            auto name = std::move(result_columns()[i].name);  // the thin reply's label is the one to show
            result_columns()[i] = (*described)[i];
            result_columns()[i].name = std::move(name);
        }
        // H2 describes a UUID column as byte[] (measured on 2.17): the values tell the truth.
        for (std::size_t c = 0; c < result_columns().size(); ++c)
            if (result_columns()[c].sql_type == SQL_VARBINARY)
                for (std::size_t r = 0; r < page().row_count(); ++r)
                    if (!page().at(r, c).is_null()) {
                        if (page().at(r, c).is<Uuid>()) describe_type_code(TypeCode::Uuid, result_columns()[c]);
                        break;
                    }
        infer_column_types();  // the columns the server could not type (always-NULL expressions, objects)
        widen_decimals_to_values();
        return;
    }
    infer_column_types();
    apply_table_metadata(*conn, text, result_columns());
}

void Statement::widen_decimals_to_values() {
    // H2 describes an arithmetic result with the larger of its operands' scales, while the values
    // it sends carry BigDecimal's scale (a product adds the scales, a quotient adds 25): measured,
    // CAST(X AS DECIMAL(20,5))/7 is described DECIMAL(20,5) and arrives with scale 30. A client
    // that trusts the description (arrow-odbc) would drop those digits without a word, so the
    // description grows to hold every value of the first page.
    for (std::size_t c = 0; c < result_columns().size(); ++c) {
        auto& col = result_columns()[c];
        if (col.sql_type != SQL_DECIMAL) continue;
        std::int64_t scale = col.decimal_digits;
        std::int64_t integer_digits = static_cast<std::int64_t>(col.column_size) - col.decimal_digits;
        for (std::size_t r = 0; r < page().row_count(); ++r) {
            auto d = page().at(r, c).get_if<Decimal>();
            if (!d) continue;
            auto text = d->to_string();
            auto point = text.find('.');
            auto digits_before = static_cast<std::int64_t>((point == std::string::npos ? text.size() : point) - (d->negative ? 1 : 0));
            scale = std::max<std::int64_t>(scale, d->scale);
            integer_digits = std::max(integer_digits, digits_before);
        }
        if (scale > col.decimal_digits || integer_digits + scale > static_cast<std::int64_t>(col.column_size)) {
            col.decimal_digits = static_cast<SQLSMALLINT>(std::min<std::int64_t>(scale, 32767));
            col.column_size = static_cast<SQLULEN>(integer_digits + scale);
        }
    }
}

void Statement::describe() {
    if (!prepared || executed || !result_columns().empty() || !is_query(sql)) return;
    auto first_statement = split_statements(sql).front();
    // The server describes the statement without running it.
    if (conn->server_metadata) {
        if (auto described = conn->server_metadata->result_columns(engine_text(first_statement))) {
            result_columns() = std::move(*described);
            return;
        }
    }
    // It cannot: run the statement once with NULL parameters and a one-row page.
    auto q = base_query(first_statement, std::vector<Value>(count_markers(first_statement), Value{}));
    q.page_size = 1;
    cursor = net::SqlFieldsCursor::execute(conn->client, q);
    for (const auto& n : cursor.column_names()) {
        ColumnInfo c;
        c.name = n;
        result_columns().push_back(std::move(c));
    }
    infer_column_types();  // from its row if it has one
    close_cursor();        // the server's cursor, if it holds more rows, is closed here
    apply_table_metadata(*conn, first_statement, result_columns());
}

ColumnInfo Statement::describe_parameter(std::size_t n) {
    // The column a marker is the whole value of (INSERT ... VALUES) says everything, length and
    // scale included; otherwise the type the server's engine infers for the marker.
    if (auto target = insert_target(sql, conn->settings.schema); target && n <= target->marker_columns.size()) {
        const auto& name = target->marker_columns[n - 1];
        if (!name.empty())
            for (auto c : table_columns_of(*conn, target->schema, target->table))
                if (c.name == name) {
                    // Undeclared length: "cannot be determined" (0), not 2 GB an application would allocate per row.
                    if (c.column_size == kUnboundedLength) c.column_size = 0;
                    return c;
                }
    }
    ColumnInfo p;
    p.nullable = SQL_NULLABLE;
    std::optional<std::vector<TypeCode>> types;
    try {
        types = conn->server_metadata ? conn->server_metadata->parameter_types(engine_text(sql)) : std::nullopt;
    } catch (const SqlError&) {
        // Described at execution instead.
    }
    if (types && n <= types->size() && (*types)[n - 1] != TypeCode::Null) describe_type_code((*types)[n - 1], p);
    // No length or scale is known: 0 is ODBC's "cannot be determined", which makes applications
    // send text as data at execution instead of truncating it to a guessed size.
    if (p.sql_type == SQL_VARCHAR || p.sql_type == SQL_VARBINARY || p.sql_type == SQL_CHAR) p.column_size = 0;
    if (p.sql_type == SQL_DECIMAL) p.column_size = 38, p.decimal_digits = 0;
    return p;
}

}  // namespace kindling::odbc
