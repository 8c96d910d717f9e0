#pragma once
// Scan queries: every entry of a cache, page by page.
//
//   for (const auto& [key, value] : cache.scan(ScanOptions{.page_size = 100}))
//       std::cout << key.to_string() << " = " << value.to_string() << "\n";
//
// Lifetimes: an Entry is a pair of owning Values (copy it to keep it). The reference the iterator
// returns is valid until the iterator is incremented. A ScanCursor is single-pass and move-only,
// keeps its connection alive and closes the server cursor when abandoned early. Thread-safety: one
// cursor is used by one thread at a time.
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "kindling/protocol/value.hpp"

namespace kindling::kvapi {

namespace detail {
struct ScanCursorState;
}

struct ScanOptions {
    std::int32_t page_size = 1024;              // > 0
    std::optional<std::int32_t> partition{};    // unset: all partitions
    bool local = false;
};

// A lazy, single-pass range of (key, value) entries; closes the server cursor on early exit.
class ScanCursor {
public:
    using Entry = std::pair<Value, Value>;
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Entry;
        using reference = const Entry&;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        explicit iterator(ScanCursor* c) : c_(c) {}
        const Entry& operator*() const { return c_->current(); }
        const Entry* operator->() const { return &c_->current(); }
        iterator& operator++() {
            if (!c_->advance()) c_ = nullptr;
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(const iterator& o) const { return c_ == o.c_; }

    private:
        ScanCursor* c_ = nullptr;
    };

    // Made by Client/Cache; the state type is internal.
    explicit ScanCursor(std::unique_ptr<detail::ScanCursorState> state);
    ScanCursor(ScanCursor&&) noexcept;
    ScanCursor& operator=(ScanCursor&&) noexcept;
    ~ScanCursor();
    iterator begin();
    iterator end() { return {}; }
    std::vector<Entry> all();
    void close();

private:
    friend class Cache;
    const Entry& current() const;
    bool advance();
    std::unique_ptr<detail::ScanCursorState> state_;
};

}  // namespace kindling::kvapi
