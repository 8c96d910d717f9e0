#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace kindling::kvapi {

enum class TxConcurrency : std::int8_t { Optimistic = 0, Pessimistic = 1 };
enum class TxIsolation : std::int8_t { ReadCommitted = 0, RepeatableRead = 1, Serializable = 2 };

struct TxOptions {
    std::optional<TxConcurrency> concurrency;        // unset: the client's default
    std::optional<TxIsolation> isolation;            // unset: the client's default
    std::optional<std::chrono::milliseconds> timeout;  // unset: the client's default; 0 = none
    std::string label;
};

namespace detail {
struct ClientState;
struct TxState;
}  // namespace detail

// A client transaction. Cache operations on the thread that started it join it. Rolls back when
// destroyed uncommitted (libpqxx style): leaving a scope by exception discards the work.
class Transaction {
public:
    Transaction(Transaction&&) noexcept;
    Transaction& operator=(Transaction&&) noexcept;
    ~Transaction();

    void commit();
    void rollback();
    std::int32_t id() const noexcept;
    const std::string& label() const noexcept;
    bool active() const noexcept;

private:
    friend class Client;
    explicit Transaction(std::shared_ptr<detail::TxState> state);
    void end(bool commit);
    std::shared_ptr<detail::TxState> state_;
};

}  // namespace kindling::kvapi
