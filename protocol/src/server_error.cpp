#include "kindling/protocol/server_error.hpp"

#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/sql_state.hpp"

namespace kindling::protocol {

namespace {
bool is_sql_op(OpCode op) {
    return op == OpCode::QuerySqlFields || op == OpCode::QuerySqlFieldsCursorGetPage || op == OpCode::QuerySql ||
           op == OpCode::QuerySqlCursorGetPage;
}
bool is_tx_op(OpCode op) { return op == OpCode::TxStart || op == OpCode::TxEnd; }
}  // namespace

void throw_server_error(OpCode op, std::int32_t status, const std::string& message) {
    switch (status) {
        case kindling::status::cache_does_not_exist: throw CacheNotFoundError(message, status);
        case kindling::status::cache_exists: throw CacheExistsError(message, status);
        case kindling::status::auth_failed:
        case kindling::status::security_violation: throw AuthenticationError(message, status);
        case kindling::status::tx_limit_exceeded:
        case kindling::status::tx_not_found: throw TransactionError(message, status);
        case kindling::status::functionality_disabled:
        case kindling::status::invalid_op_code: throw UnsupportedError(message, status);
        default: break;
    }
    if (is_sql_op(op)) throw SqlError(message, status, sql_state_from_message(message));
    if (is_tx_op(op)) throw TransactionError(message, status);
    // Key-value operations inside a transaction report tx failures (timeouts, deadlocks,
    // optimistic conflicts) with status 1 and a message naming the transaction.
    if (message.find("ransaction") != std::string::npos) throw TransactionError(message, status);
    if (op >= OpCode::CacheGet && op <= OpCode::CacheDestroy) throw CacheError(message, status);
    throw Error(message, status);
}

}  // namespace kindling::protocol
