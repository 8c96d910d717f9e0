#include "kindling/protocol/server_error.hpp"

#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/sql_state.hpp"

#include <algorithm>

namespace kindling::protocol {

namespace {
bool is_sql_op(OpCode op) {
    return op == OpCode::QuerySqlFields || op == OpCode::QuerySqlFieldsCursorGetPage || op == OpCode::QuerySql ||
           op == OpCode::QuerySqlCursorGetPage;
}
bool is_tx_op(OpCode op) { return op == OpCode::TxStart || op == OpCode::TxEnd; }
}  // namespace

std::string concise_server_message(std::string_view message, std::size_t max_chars) {
    // Where the appended Java internals start: a stack frame line or a cause.
    std::size_t cut = message.size();
    for (std::string_view marker : {"\n\tat ", "\n    at ", "\r\n\tat ", "\nCaused by: ", "\n\t... "})
        cut = std::min(cut, message.find(marker));
    auto text = message.substr(0, cut);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (text.size() <= max_chars) return std::string(text);
    auto keep = max_chars;
    // Do not split a UTF-8 sequence.
    while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
    return std::string(text.substr(0, keep)) + "... [" + std::to_string(text.size() - keep) + " more characters]";
}

void throw_server_error(OpCode op, std::int32_t status, const std::string& message) {
    const auto brief = concise_server_message(message);
    switch (status) {
        case kindling::status::cache_does_not_exist: throw CacheNotFoundError(brief, status, message);
        case kindling::status::cache_exists: throw CacheExistsError(brief, status, message);
        case kindling::status::auth_failed:
        case kindling::status::security_violation: throw AuthenticationError(brief, status, message);
        case kindling::status::tx_limit_exceeded:
        case kindling::status::tx_not_found: throw TransactionError(brief, status, message);
        case kindling::status::functionality_disabled:
        case kindling::status::invalid_op_code: throw UnsupportedError(brief, status, message);
        default: break;
    }
    if (is_sql_op(op)) throw SqlError(brief, status, sql_state_from_message(message), message);
    if (is_tx_op(op)) throw TransactionError(brief, status, message);
    // Key-value operations inside a transaction report tx failures (timeouts, deadlocks,
    // optimistic conflicts) with status 1 and a message naming the transaction.
    if (message.find("ransaction") != std::string::npos) throw TransactionError(brief, status, message);
    if (op >= OpCode::CacheGet && op <= OpCode::CacheDestroy) throw CacheError(brief, status, message);
    throw Error(brief, status, message);
}

}  // namespace kindling::protocol
