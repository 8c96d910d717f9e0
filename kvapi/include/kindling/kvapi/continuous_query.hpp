#pragma once
// A continuous query: the server pushes every change of a cache's entries to a listener until the
// query is closed. RAII: destroying the handle (or close()) stops it on the server.
//
//   auto cq = cache.continuous_query([](const std::vector<CacheEntryEvent>& events) {
//       for (const auto& e : events) std::cout << e.key.to_string() << " -> " << e.value.to_string() << "\n";
//   });
//
// Listeners run on a thread the query owns, one batch at a time, in the order the server sent
// them; they may call the client. If the connection that carries the query dies, on_disconnect is
// called once and no more events arrive (start a new query).
//
// Lifetimes and threads: a ContinuousQuery is a move-only handle; it keeps its connection alive
// and may outlive the Client object. close() and the destructor may be called from any thread
// (they wait for a batch being delivered to finish, except when called from the listener itself).
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kindling/protocol/continuous_query.hpp"

namespace kindling::kvapi {

namespace detail {
struct ContinuousQueryState;
}

using protocol::CacheEntryEvent;
using protocol::CacheEntryEventType;

struct ContinuousQueryOptions {
    std::int32_t page_size = 1;                  // events per notification batch (> 0)
    std::chrono::milliseconds time_interval{0};  // with page_size > 1: send a partial batch after this long (>= 0)
    bool include_expired = false;
    std::function<void(const std::string& why)> on_disconnect{};
};

class ContinuousQuery {
public:
    ContinuousQuery() = default;
    ContinuousQuery(ContinuousQuery&&) noexcept = default;
    ContinuousQuery& operator=(ContinuousQuery&& other) noexcept;
    ~ContinuousQuery();

    void close() noexcept;
    bool active() const noexcept;

private:
    friend class Cache;
    explicit ContinuousQuery(std::shared_ptr<detail::ContinuousQueryState> state) : state_(std::move(state)) {}
    std::shared_ptr<detail::ContinuousQueryState> state_;
};

}  // namespace kindling::kvapi
