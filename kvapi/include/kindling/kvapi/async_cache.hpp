#pragma once
// Every key-value operation of a Cache, asynchronous: each call puts its request on the wire and
// returns at once, so many operations pipeline on the connections (partition-aware routing and the
// calling thread's transaction apply as for the blocking calls). Two forms of each:
//
//   auto async = cache.async();
//   std::vector<std::future<bool>> done;                        // a future fulfilled by the reply:
//   for (int i = 0; i < 1000; ++i) done.push_back(async.put_if_absent(i, i * i));
//   for (auto& f : done) f.get();                               // wait_for() polls; get() throws the error
//
//   async.get<int>(12, [](std::exception_ptr error, std::optional<int> v) { ... });  // a completion
//
// A completion is called exactly once, on the client's I/O thread (or on the calling thread if the
// request could not be sent): it must be short and must not wait for another request of the client.
// Errors have the same types as the blocking calls. For Asio completion tokens (use_future,
// use_awaitable, callbacks with an executor) see the optional header kindling/kvapi/asio.hpp.
//
// Lifetimes and threads: an AsyncCache is a cheap value like Cache (copy it, use it from any
// thread); a request in flight keeps what it needs alive, so futures may outlive both.
#include <cstdint>
#include <future>
#include <optional>
#include <vector>

#include "kindling/kvapi/cache.hpp"

namespace kindling::kvapi {

// The decoder of a reply that carries nothing (put, put_all, ...).
struct IgnoreReply {
    void operator()(const Value&) const noexcept {}
};

class AsyncCache {
    using Operands = detail::Operands;
    using Reply = detail::Reply;

public:
    explicit AsyncCache(Cache cache) : c_(std::move(cache)) {}
    const Cache& cache() const noexcept { return c_; }

    template <class V = Value, class K>
    std::future<std::optional<V>> get(const K& key) const {
        return c_.future_of<std::optional<V>, V>(OpCode::CacheGet, Operands::Key, {c_.wire(key)}, Reply::Value, c_.optional_of<V>());
    }
    template <class V = Value, class K>
    void get(const K& key, Completion<std::optional<V>> done) const {
        c_.callback_of<std::optional<V>, V>(OpCode::CacheGet, Operands::Key, {c_.wire(key)}, Reply::Value, c_.optional_of<V>(),
                                            std::move(done));
    }
    template <class K, class V>
    std::future<void> put(const K& key, const V& value) const { return none(OpCode::CachePut, Operands::KeyValue, {c_.wire(key), c_.wire(value)}); }
    template <class K, class V>
    void put(const K& key, const V& value, Completion<void> done) const {
        c_.callback_of<void>(OpCode::CachePut, Operands::KeyValue, {c_.wire(key), c_.wire(value)}, Reply::None, IgnoreReply{},
                             std::move(done));
    }
    // Missing keys are absent from the result (a std::map, or std::unordered_map for unordered keys).
    template <class K, class V = Value>
    std::future<GetAllResult<K, V>> get_all(const std::vector<K>& keys) const {
        return c_.future_of<GetAllResult<K, V>, std::pair<K, V>>(OpCode::CacheGetAll, Operands::Keys, c_.values_of(keys),
                                                                 Reply::Entries, c_.map_of<K, V>());
    }
    template <class K, class V = Value>
    void get_all(const std::vector<K>& keys, Completion<GetAllResult<K, V>> done) const {
        c_.callback_of<GetAllResult<K, V>, std::pair<K, V>>(OpCode::CacheGetAll, Operands::Keys, c_.values_of(keys), Reply::Entries,
                                                            c_.map_of<K, V>(), std::move(done));
    }
    template <detail::PairRange R>
    std::future<void> put_all(const R& entries) const { return none(OpCode::CachePutAll, Operands::Entries, flat(c_.entries_of(entries))); }
    template <detail::PairRange R>
    void put_all(const R& entries, Completion<void> done) const {
        c_.callback_of<void>(OpCode::CachePutAll, Operands::Entries, flat(c_.entries_of(entries)), Reply::None, IgnoreReply{}, std::move(done));
    }
    template <class K>
    std::future<bool> contains_key(const K& key) const { return boolean(OpCode::CacheContainsKey, Operands::Key, {c_.wire(key)}); }
    template <class K>
    std::future<bool> contains_keys(const std::vector<K>& keys) const {
        return boolean(OpCode::CacheContainsKeys, Operands::Keys, c_.values_of(keys));
    }
    template <class V = Value, class K, class W>
    std::future<std::optional<V>> get_and_put(const K& key, const W& value) const {
        return optional<V>(OpCode::CacheGetAndPut, Operands::KeyValue, {c_.wire(key), c_.wire(value)});
    }
    template <class V = Value, class K, class W>
    std::future<std::optional<V>> get_and_replace(const K& key, const W& value) const {
        return optional<V>(OpCode::CacheGetAndReplace, Operands::KeyValue, {c_.wire(key), c_.wire(value)});
    }
    template <class V = Value, class K>
    std::future<std::optional<V>> get_and_remove(const K& key) const {
        return optional<V>(OpCode::CacheGetAndRemove, Operands::Key, {c_.wire(key)});
    }
    template <class V = Value, class K, class W>
    std::future<std::optional<V>> get_and_put_if_absent(const K& key, const W& value) const {
        return optional<V>(OpCode::CacheGetAndPutIfAbsent, Operands::KeyValue, {c_.wire(key), c_.wire(value)});
    }
    template <class K, class V>
    std::future<bool> put_if_absent(const K& key, const V& value) const {
        return boolean(OpCode::CachePutIfAbsent, Operands::KeyValue, {c_.wire(key), c_.wire(value)});
    }
    template <class K, class V>
    void put_if_absent(const K& key, const V& value, Completion<bool> done) const {
        c_.callback_of<bool>(OpCode::CachePutIfAbsent, Operands::KeyValue, {c_.wire(key), c_.wire(value)}, Reply::Bool,
                             Cache::value_as<bool>(), std::move(done));
    }
    template <class K, class V>
    std::future<bool> replace(const K& key, const V& value) const {
        return boolean(OpCode::CacheReplace, Operands::KeyValue, {c_.wire(key), c_.wire(value)});
    }
    template <class K, class V, class W>
    std::future<bool> replace_if_equals(const K& key, const V& expected, const W& value) const {
        return boolean(OpCode::CacheReplaceIfEquals, Operands::KeyValueValue, {c_.wire(key), c_.wire(expected), c_.wire(value)});
    }
    template <class K>
    std::future<bool> remove_key(const K& key) const { return boolean(OpCode::CacheRemoveKey, Operands::Key, {c_.wire(key)}); }
    template <class K, class V>
    std::future<bool> remove_if_equals(const K& key, const V& expected) const {
        return boolean(OpCode::CacheRemoveIfEquals, Operands::KeyValue, {c_.wire(key), c_.wire(expected)});
    }
    template <class K>
    std::future<void> remove_keys(const std::vector<K>& keys) const { return none(OpCode::CacheRemoveKeys, Operands::Keys, c_.values_of(keys)); }
    std::future<void> remove_all() const { return none(OpCode::CacheRemoveAll, Operands::None, {}); }
    std::future<void> clear() const { return none(OpCode::CacheClear, Operands::None, {}); }
    template <class K>
    std::future<void> clear_key(const K& key) const { return none(OpCode::CacheClearKey, Operands::Key, {c_.wire(key)}); }
    template <class K>
    std::future<void> clear_keys(const std::vector<K>& keys) const { return none(OpCode::CacheClearKeys, Operands::Keys, c_.values_of(keys)); }
    std::future<std::int64_t> get_size(std::vector<PeekMode> modes = {}) const {
        return c_.future_of<std::int64_t>(OpCode::CacheGetSize, Operands::PeekModes, modes_of(modes), Reply::Long,
                                          Cache::value_as<std::int64_t>());
    }
    void get_size(std::vector<PeekMode> modes, Completion<std::int64_t> done) const {
        c_.callback_of<std::int64_t>(OpCode::CacheGetSize, Operands::PeekModes, modes_of(modes), Reply::Long,
                                     Cache::value_as<std::int64_t>(), std::move(done));
    }

private:
    std::future<void> none(OpCode op, Operands shape, std::vector<Value> operands) const {
        return c_.future_of<void>(op, shape, std::move(operands), Reply::None, IgnoreReply{});
    }
    std::future<bool> boolean(OpCode op, Operands shape, std::vector<Value> operands) const {
        return c_.future_of<bool>(op, shape, std::move(operands), Reply::Bool, Cache::value_as<bool>());
    }
    template <class V>
    std::future<std::optional<V>> optional(OpCode op, Operands shape, std::vector<Value> operands) const {
        return c_.future_of<std::optional<V>, V>(op, shape, std::move(operands), Reply::Value, c_.optional_of<V>());
    }
    static std::vector<Value> flat(std::vector<std::pair<Value, Value>> entries) {
        std::vector<Value> out;
        out.reserve(entries.size() * 2);
        for (auto& [k, v] : entries) {
            out.push_back(std::move(k));
            out.push_back(std::move(v));
        }
        return out;
    }
    static std::vector<Value> modes_of(const std::vector<PeekMode>& modes) {
        std::vector<Value> out;
        for (auto m : modes) out.emplace_back(static_cast<std::int8_t>(m));
        return out;
    }

    Cache c_;
};

}  // namespace kindling::kvapi
