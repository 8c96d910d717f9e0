#include "kindling/kvapi/continuous_query.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <variant>

#include "detail.hpp"
#include "kindling/kvapi/cache.hpp"
#include "kindling/protocol/continuous_query.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/sql_fields_query.hpp"

namespace kindling::kvapi {

namespace detail {

// The notification handler runs on the connection's I/O thread, where a listener that called the
// client would wait for itself: batches are queued and delivered on the query's own thread.
struct ContinuousQueryState {
    std::shared_ptr<ClientState> client;
    std::shared_ptr<net::Channel> channel;
    std::int64_t resource_id = 0;
    std::function<void(const std::vector<CacheEntryEvent>&)> listener;
    std::function<void(const std::string&)> on_disconnect;

    std::mutex mu;
    std::condition_variable wake;
    std::deque<std::variant<std::vector<CacheEntryEvent>, std::string>> queue;  // events or a disconnect reason
    bool stopping = false;
    bool open = true;
    std::thread dispatcher;

    void deliver() {
        std::unique_lock lock(mu);
        for (;;) {
            wake.wait(lock, [&] { return stopping || !queue.empty(); });
            if (queue.empty()) return;  // stopping with nothing left
            auto item = std::move(queue.front());
            queue.pop_front();
            lock.unlock();
            try {
                if (auto* events = std::get_if<std::vector<CacheEntryEvent>>(&item)) {
                    listener(*events);
                } else {
                    if (on_disconnect) on_disconnect(std::get<std::string>(item));
                }
            } catch (...) {
                // A listener's exception must not end the delivery of later events.
            }
            lock.lock();
        }
    }

    void push(std::variant<std::vector<CacheEntryEvent>, std::string> item) {
        {
            std::lock_guard lock(mu);
            if (std::holds_alternative<std::string>(item)) open = false;
            queue.push_back(std::move(item));
        }
        wake.notify_one();
    }

    void stop() noexcept {
        bool was_open;
        {
            std::lock_guard lock(mu);
            if (stopping) return;
            stopping = true;
            was_open = open;
            open = false;
        }
        wake.notify_one();
        if (channel) {
            channel->unlisten(resource_id);
            if (was_open) {
                try {
                    client->call(protocol::ResourceClose{resource_id}, channel);
                } catch (...) {
                    // The connection may be gone, and with it the query.
                }
            }
        }
        if (dispatcher.joinable()) {
            if (dispatcher.get_id() == std::this_thread::get_id()) dispatcher.detach();  // closed from its own listener
            else dispatcher.join();
        }
    }
};

}  // namespace detail

ContinuousQuery& ContinuousQuery::operator=(ContinuousQuery&& other) noexcept {
    if (this != &other) {
        close();
        state_ = std::move(other.state_);
    }
    return *this;
}

ContinuousQuery::~ContinuousQuery() { close(); }

void ContinuousQuery::close() noexcept {
    if (state_) state_->stop();
    state_.reset();
}

bool ContinuousQuery::active() const noexcept {
    if (!state_) return false;
    std::lock_guard lock(state_->mu);
    return state_->open;
}

ContinuousQuery Cache::continuous_query(std::function<void(const std::vector<CacheEntryEvent>&)> listener,
                                        ContinuousQueryOptions options) const {
    if (!listener) throw UsageError("a continuous query needs a listener");
    detail::require_positive(options.page_size, "ContinuousQueryOptions::page_size");
    detail::require_not_negative(options.time_interval, "ContinuousQueryOptions::time_interval");
    auto st = std::make_shared<detail::ContinuousQueryState>();
    st->client = state_;
    st->listener = std::move(listener);
    st->on_disconnect = std::move(options.on_disconnect);
    // The events come on the connection that started the query.
    st->channel = state_->net->acquire_channel(net::Route{});
    protocol::ContinuousQueryStart start;
    start.cache_id = id_;
    start.page_size = options.page_size;
    start.time_interval_ms = options.time_interval.count();
    start.include_expired = options.include_expired;
    st->resource_id = state_->call(start, st->channel);
    st->dispatcher = std::thread([st] { st->deliver(); });  // owns the state until stop() ends it
    std::weak_ptr<detail::ContinuousQueryState> weak = st;
    st->channel->listen(st->resource_id, [weak](OpCode, net::Response n) {
        auto s = weak.lock();
        if (!s) return;
        if (n.failure() == net::Response::Failure::Connection) return s->push(std::string(n.message()));
        if (n.failure() != net::Response::Failure::None) return s->push("continuous query failed on the server: " + n.message());
        try {
            s->push(net::decode_notification<protocol::ContinuousQueryEvents>(n));
        } catch (const Error& e) {
            s->push(std::string("malformed continuous query notification: ") + e.what());
        }
    });
    return ContinuousQuery(std::move(st));
}

}  // namespace kindling::kvapi
