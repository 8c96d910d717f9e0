// Parameter values: where the application's buffers are for each row of a parameter array, their
// conversion to the values sent, and data at execution (SQLParamData/SQLPutData).
#include <algorithm>
#include <cstring>

#include "conversions.hpp"
#include "descriptor.hpp"
#include "handles.hpp"
#include "statement_text.hpp"

namespace kindling::odbc {

namespace {

// The SQL side of a parameter the application described in the APD alone.
const ParamRecord kUndescribed{};

}  // namespace

SQLLEN Statement::ParamLocation::length_or_indicator(SQLLEN otherwise) const noexcept {
    // NULL is the indicator's to say, the length the octet-length pointer's; a record with only
    // one of the two (or both at one address, as SQLBindParameter sets them) says both with it.
    if (indicator && *indicator == SQL_NULL_DATA) return SQL_NULL_DATA;
    if (octet_length) return *octet_length;
    if (indicator) return *indicator;
    return otherwise;
}

Statement::ParamLocation Statement::param_location(std::size_t i, SQLULEN row) const {
    const auto& d = apd();
    const auto& b = d.records[i];
    // Column-wise: each parameter's values are an array of its own element size; row-wise: rows
    // are structs of SQL_DESC_BIND_TYPE bytes. The bind offset applies to every pointer.
    std::size_t elem = d.bind_type == SQL_PARAM_BIND_BY_COLUMN
                           ? (fixed_size(b.concise_type) ? fixed_size(b.concise_type) : static_cast<std::size_t>(b.octet_length))
                           : d.bind_type;
    std::size_t len_elem = d.bind_type == SQL_PARAM_BIND_BY_COLUMN ? sizeof(SQLLEN) : d.bind_type;
    SQLLEN off = d.bind_offset_ptr ? *d.bind_offset_ptr : 0;
    auto step = [&](SQLLEN* p) { return p ? reinterpret_cast<SQLLEN*>(reinterpret_cast<char*>(p) + off + row * len_elem) : nullptr; };
    ParamLocation at;
    if (b.data_ptr) at.buffer = static_cast<char*>(b.data_ptr) + off + row * elem;
    at.octet_length = step(b.octet_length_ptr);
    at.indicator = b.indicator_ptr == b.octet_length_ptr ? at.octet_length : step(b.indicator_ptr);
    return at;
}

std::vector<Value> Statement::bound_parameters(std::size_t row) const {
    auto n = param_count();
    const auto& recs = apd().records;
    const auto& sql_side = ipd().param_records;
    std::vector<Value> args;
    args.reserve(n);
    for (std::size_t i = 1; i <= n; ++i) {
        if (i >= recs.size() || !recs[i].bound())
            throw OdbcError("07002", "parameter " + std::to_string(i) + " is not bound (the statement has " + std::to_string(n) + " markers)");
        const auto& b = recs[i];
        const auto& p = i < sql_side.size() ? sql_side[i] : kUndescribed;
        auto at = param_location(i, row);
        SQLLEN indv = at.length_or_indicator(b.concise_type == SQL_C_CHAR || b.concise_type == SQL_C_WCHAR ? SQL_NTS : 0);
        if (indv == SQL_DATA_AT_EXEC || indv <= SQL_LEN_DATA_AT_EXEC_OFFSET) {
            if (!dae.started) throw OdbcError("HY000", "internal: data-at-execution parameter without its data");
            DataAtExec::Slot slot{row, i};
            if (dae.nulls.count(slot)) {
                args.emplace_back();
                continue;
            }
            auto it = dae.data.find(slot);
            const std::string empty;
            const auto& bytes = it == dae.data.end() ? empty : it->second;
            args.push_back(conn->to_server_instant(read_c_value(b.concise_type, p.sql_type, bytes.data(), static_cast<SQLLEN>(bytes.size()),
                                                                static_cast<SQLLEN>(bytes.size()))));
            continue;
        }
        if (!at.buffer && indv != SQL_NULL_DATA) throw OdbcError("HY009", "parameter " + std::to_string(i) + " has no buffer");
        args.push_back(conn->to_server_instant(read_c_value(b.concise_type, p.sql_type, at.buffer, b.octet_length, indv)));
    }
    return args;
}

std::vector<Statement::DataAtExec::Slot> Statement::data_at_exec_slots() const {
    std::vector<DataAtExec::Slot> out;
    auto n = param_count();
    const auto& d = apd();
    for (SQLULEN row = 0; row < std::max<SQLULEN>(d.array_size, 1); ++row) {
        if (d.array_status_ptr && d.array_status_ptr[row] == SQL_PARAM_IGNORE) continue;
        for (std::size_t i = 1; i <= n && i < d.records.size(); ++i) {
            auto at = param_location(i, row);
            auto v = at.length_or_indicator(0);
            if (v == SQL_DATA_AT_EXEC || v <= SQL_LEN_DATA_AT_EXEC_OFFSET)
                out.push_back({row, i});
        }
    }
    return out;
}

SQLRETURN Statement::param_data(SQLPOINTER* token) {
    if (!need_data) throw OdbcError("HY010", "SQLParamData called while no parameter waits for data");
    // Advance to the next (row, parameter) that waits for data; the first call starts at the first.
    dae.current = dae.current == dae.slots.size() ? 0 : dae.current + 1;
    if (dae.current < dae.slots.size()) {
        // The application's own token: the parameter's buffer address for that row, as bound
        // (offset and row-wise binding applied), which is what pyodbc dereferences.
        if (token) *token = param_location(dae.slots[dae.current].param, dae.slots[dae.current].row).buffer;
        return SQL_NEED_DATA;
    }
    need_data = false;
    dae.started = true;
    try {
        run_bound();
    } catch (...) {
        dae = {};
        throw;
    }
    dae = {};
    return diag.has_warnings() ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

void Statement::put_data(SQLPOINTER data, SQLLEN len) {
    if (!need_data || dae.current >= dae.slots.size())
        throw OdbcError("HY010", "SQLPutData called before SQLParamData named a parameter");
    auto slot = dae.slots[dae.current];
    const auto& b = apd().records[slot.param];
    if (len == SQL_NULL_DATA) {
        if (dae.data.count(slot)) throw OdbcError("HY011", "SQL_NULL_DATA after data was sent for this parameter");
        dae.nulls.insert(slot);
        return;
    }
    if (dae.nulls.count(slot)) throw OdbcError("HY011", "data sent after SQL_NULL_DATA for this parameter");
    if (!data && len != 0) throw OdbcError("HY009", "SQLPutData with a null data pointer");
    std::size_t n;
    if (len == SQL_NTS) {
        n = b.concise_type == SQL_C_WCHAR ? 2 * std::char_traits<char16_t>::length(static_cast<const char16_t*>(data))
                                          : std::strlen(static_cast<const char*>(data));
    } else if (len < 0) {
        throw OdbcError("HY090", "invalid length " + std::to_string(len) + " for SQLPutData");
    } else {
        n = static_cast<std::size_t>(len);
    }
    if (auto fixed = fixed_size(b.concise_type)) {
        if (dae.data.count(slot)) throw OdbcError("HY019", "a fixed-size value cannot be sent in pieces");
        n = fixed;  // the length is ignored for fixed-size C types
    } else if (b.concise_type != SQL_C_CHAR && b.concise_type != SQL_C_WCHAR && b.concise_type != SQL_C_BINARY && b.concise_type != SQL_C_DEFAULT) {
        throw OdbcError("HY019", "non-character, non-binary data sent in pieces");
    }
    dae.data[slot].append(static_cast<const char*>(data), n);
}

void Statement::cancel_data_at_exec() {
    need_data = false;
    dae = {};
}

}  // namespace kindling::odbc
