#pragma once
// SQL results: a lazy cursor of owning rows.
//
//   for (const auto& city : client.sql("SELECT Name, Population FROM City ORDER BY Population DESC"))
//       std::cout << city.get<std::string>(0) << " " << city.get<std::int32_t>(1) << "\n";
//
// Lifetimes: a SqlRow owns its cells (copy it, keep it, return it: it never refers to the
// cursor's pages). A reference returned by the cursor's iterator is valid until the iterator is
// incremented; copy the row to keep it. A SqlCursor is single-pass and move-only; it keeps its
// connection alive and may outlive the Client object (paging after Client::close() fails with
// ConnectionError). Thread-safety: one cursor is used by one thread at a time; different cursors
// of one client may be used from different threads at once.
#include <chrono>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>
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
    std::optional<std::string> schema{};   // unset: PUBLIC for client.sql, the cache's schema for cache.sql
    std::int32_t page_size = 1024;         // > 0
    std::optional<std::int64_t> max_rows{};  // enforced by the client (the server ignores it); >= 0
    StatementType statement_type = StatementType::Any;
    bool distributed_joins = false;
    bool local = false;
    bool replicated_only = false;
    bool enforce_join_order = false;
    bool collocated = false;
    bool lazy = false;
    std::chrono::milliseconds timeout{0};  // 0: none; < 0: UsageError
    bool include_field_names = true;
};

// One result row, owning its cells: cells by position, typed access with get<T>(i) (widening
// reads as for Cache::get, value_traits.hpp). A plain value type.
class SqlRow {
public:
    SqlRow() = default;
    explicit SqlRow(std::vector<Value> cells) : cells_(std::move(cells)) {}
    std::size_t size() const noexcept { return cells_.size(); }
    bool empty() const noexcept { return cells_.empty(); }
    const Value& operator[](std::size_t i) const { return cells_[i]; }
    const Value& at(std::size_t i) const { return cells_.at(i); }
    template <class T>
    T get(std::size_t i) const { return from_value<T>(cells_.at(i)); }
    auto begin() const noexcept { return cells_.begin(); }
    auto end() const noexcept { return cells_.end(); }
    const std::vector<Value>& cells() const& noexcept { return cells_; }
    std::vector<Value> cells() && noexcept { return std::move(cells_); }
    bool operator==(const SqlRow&) const = default;

private:
    std::vector<Value> cells_;
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
        using reference = const SqlRow&;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        explicit iterator(SqlCursor* c) : c_(c) {}
        const SqlRow& operator*() const { return c_->current(); }
        const SqlRow* operator->() const { return &c_->current(); }
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
    // All remaining rows.
    std::vector<SqlRow> all();
    // Closes the server cursor now if it is still open.
    void close();

private:
    friend class Client;
    friend class Cache;
    const SqlRow& current() const;
    bool advance();
    std::unique_ptr<detail::SqlCursorState> state_;
};

}  // namespace kindling::kvapi
