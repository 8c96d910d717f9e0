#pragma once
// OPTIONAL: Asio completion tokens for kvapi's asynchronous operations. This is the one kvapi
// header that includes Boost (Boost.Asio, header-only): include it only if your program uses Asio.
//
//   boost::asio::co_spawn(io, [&]() -> boost::asio::awaitable<void> {
//       co_await kindling::kvapi::asio::async_put(cache, 1, 42, boost::asio::use_awaitable);
//       std::optional<int> v = co_await kindling::kvapi::asio::async_get<int>(cache, 1, boost::asio::use_awaitable);
//   }, boost::asio::detached);
//
// Any token works: boost::asio::use_future, use_awaitable, deferred, or a callback
// void(std::exception_ptr, T). The handler runs on its associated executor (a coroutine resumes on
// its own), or, without one, on the client's I/O thread (then it must not block). Errors arrive as
// the std::exception_ptr (use_awaitable and use_future rethrow it) with the blocking call's types.
// Built on the completion overloads of AsyncCache / Client::execute_task_async.
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>

#include "kindling/kvapi/async_cache.hpp"
#include "kindling/kvapi/client.hpp"

namespace kindling::kvapi::asio {

namespace detail {
template <class T>
struct Signature {
    using type = void(std::exception_ptr, T);
};
template <>
struct Signature<void> {
    using type = void(std::exception_ptr);
};
}  // namespace detail

// The adaptor every function below uses: `start(done)` begins an operation that calls the kvapi
// Completion<T> `done` once; the token decides what the caller gets back.
template <class T, class CompletionToken, class Start>
auto async_run(CompletionToken&& token, Start start) {
    return boost::asio::async_initiate<CompletionToken, typename detail::Signature<T>::type>(
        [start = std::move(start)](auto handler) mutable {
            using Handler = decltype(handler);
            auto ex = boost::asio::get_associated_executor(handler);
            using Guard = boost::asio::executor_work_guard<decltype(ex)>;
            // kvapi completions are std::function (copyable); Asio handlers are move-only.
            auto state = std::make_shared<std::pair<std::optional<Handler>, Guard>>(std::move(handler), Guard(ex));
            if constexpr (std::is_void_v<T>) {
                start([state](std::exception_ptr e) {
                    auto ex2 = state->second.get_executor();
                    boost::asio::dispatch(ex2, [state, e]() mutable {
                        auto h = std::move(*state->first);
                        state->second.reset();
                        std::move(h)(e);
                    });
                });
            } else {
                start([state](std::exception_ptr e, T v) {
                    auto ex2 = state->second.get_executor();
                    boost::asio::dispatch(ex2, [state, e, v = std::move(v)]() mutable {
                        auto h = std::move(*state->first);
                        state->second.reset();
                        std::move(h)(e, std::move(v));
                    });
                });
            }
        },
        token);
}

template <class V = Value, class K, class CompletionToken>
auto async_get(const Cache& cache, const K& key, CompletionToken&& token) {
    return async_run<std::optional<V>>(std::forward<CompletionToken>(token),
                                       [a = cache.async(), key](Completion<std::optional<V>> done) { a.template get<V>(key, std::move(done)); });
}

template <class K, class V, class CompletionToken>
auto async_put(const Cache& cache, const K& key, const V& value, CompletionToken&& token) {
    return async_run<void>(std::forward<CompletionToken>(token),
                           [a = cache.async(), key, value](Completion<void> done) { a.put(key, value, std::move(done)); });
}

template <class K, class V, class CompletionToken>
auto async_put_if_absent(const Cache& cache, const K& key, const V& value, CompletionToken&& token) {
    return async_run<bool>(std::forward<CompletionToken>(token),
                           [a = cache.async(), key, value](Completion<bool> done) { a.put_if_absent(key, value, std::move(done)); });
}

template <class K, class V = Value, class CompletionToken>
auto async_get_all(const Cache& cache, std::vector<K> keys, CompletionToken&& token) {
    return async_run<GetAllResult<K, V>>(std::forward<CompletionToken>(token),
                                         [a = cache.async(), keys = std::move(keys)](Completion<GetAllResult<K, V>> done) {
                                             a.template get_all<K, V>(keys, std::move(done));
                                         });
}

template <class CompletionToken>
auto async_execute_task(const Client& client, std::string task_name, Value argument, ComputeOptions options, CompletionToken&& token) {
    return async_run<Value>(std::forward<CompletionToken>(token),
                            [&client, task_name = std::move(task_name), argument = std::move(argument), options](Completion<Value> done) {
                                client.execute_task_async(task_name, argument, options, std::move(done));
                            });
}

}  // namespace kindling::kvapi::asio
