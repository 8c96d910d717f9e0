#pragma once
#include <chrono>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kindling/kvapi/value_traits.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::kvapi {

namespace detail {
struct ClientState;
struct SqlCursorState;
}  // namespace detail

enum class StatementType : std::int8_t { Any = 0, Select = 1, Update = 2 };

struct SqlOptions {
    std::optional<std::string> schema;  // unset: PUBLIC for client.sql, the cache's schema for cache.sql
    std::int32_t page_size = 1024;
    std::optional<std::int64_t> max_rows;  // enforced by the client (the server ignores it)
    StatementType statement_type = StatementType::Any;
    bool distributed_joins = false;
    bool local = false;
    bool replicated_only = false;
    bool enforce_join_order = false;
    bool collocated = false;
    bool lazy = false;
    std::chrono::milliseconds timeout{0};
    bool include_field_names = true;
};

// One result row: cells by position, typed access with get<T>(i).
class SqlRow {
public:
    SqlRow() = default;
    explicit SqlRow(std::span<const Value> cells) : cells_(cells) {}
    std::size_t size() const noexcept { return cells_.size(); }
    const Value& operator[](std::size_t i) const { return cells_[i]; }
    template <class T>
    T get(std::size_t i) const { return from_value<T>(cells_[i]); }
    auto begin() const { return cells_.begin(); }
    auto end() const { return cells_.end(); }

private:
    std::span<const Value> cells_;
};

// A lazy, single-pass range of rows. Pages are fetched as iteration reaches them; a cursor
// abandoned half-read is closed on the server when this object goes away (the server allows 128
// open cursors per connection), and one the server already released is never closed twice.
class SqlCursor {
public:
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = SqlRow;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        explicit iterator(SqlCursor* c) : c_(c) {}
        SqlRow operator*() const { return c_->current(); }
        iterator& operator++() {
            if (!c_->advance()) c_ = nullptr;
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(const iterator& o) const { return c_ == o.c_; }

    private:
        SqlCursor* c_ = nullptr;
    };

    // Made by Client/Cache; the state type is internal.
    explicit SqlCursor(std::unique_ptr<detail::SqlCursorState> state);
    SqlCursor(SqlCursor&&) noexcept;
    SqlCursor& operator=(SqlCursor&&) noexcept;
    ~SqlCursor();

    iterator begin();
    iterator end() { return {}; }
    const std::vector<std::string>& column_names() const;
    // All remaining rows, copied.
    std::vector<std::vector<Value>> all();
    // Closes the server cursor now if it is still open.
    void close();

private:
    friend class Client;
    friend class Cache;
    SqlRow current() const;
    bool advance();
    std::unique_ptr<detail::SqlCursorState> state_;
};

}  // namespace kindling::kvapi
