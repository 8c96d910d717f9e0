#pragma once
// Every key-value operation of a Cache, asynchronous: each call puts its request on the wire and
// returns a std::future at once, so many operations pipeline on one connection (partition-aware
// routing and transactions apply as for the blocking calls). get() on the future waits for the
// reply and throws the operation's error.
//
//   auto async = cache.async();
//   std::vector<std::future<bool>> done;
//   for (int i = 0; i < 1000; ++i) done.push_back(async.put_if_absent(i, i * i));
//   for (auto& f : done) f.get();
#include <future>
#include <map>
#include <optional>
#include <vector>

#include "kindling/kvapi/cache.hpp"
#include "kindling/protocol/binary_codec.hpp"

namespace kindling::kvapi {

class AsyncCache {
public:
    explicit AsyncCache(Cache cache) : c_(std::move(cache)) {}
    const Cache& cache() const noexcept { return c_; }

    template <class V = Value, class K>
    std::future<std::optional<V>> get(const K& key) const { return optional_of<V>(c_.send_key(OpCode::CacheGet, c_.wire(key))); }
    template <class K, class V>
    std::future<void> put(const K& key, const V& value) const { return none(c_.send_kv(OpCode::CachePut, c_.wire(key), c_.wire(value))); }
    template <class K, class V = Value>
    std::future<std::map<K, V>> get_all(const std::vector<K>& keys) const {
        return decoded<std::map<K, V>>(c_.send_keys(OpCode::CacheGetAll, c_.values_of(keys)), [self = c_](protocol::ByteReader& r) {
            auto n = r.read_length(2);
            std::map<K, V> out;
            for (std::size_t i = 0; i < n; ++i) {
                auto k = protocol::read_value(r);
                auto v = protocol::read_value(r);
                out.emplace(self.template unwire<K>(k), self.template unwire<V>(v));
            }
            return out;
        });
    }
    template <class K, class V>
    std::future<void> put_all(const std::map<K, V>& entries) const {
        std::vector<std::pair<Value, Value>> es;
        for (const auto& [k, v] : entries) es.emplace_back(c_.wire(k), c_.wire(v));
        return none(c_.send_entries(OpCode::CachePutAll, es));
    }
    template <class K>
    std::future<bool> contains_key(const K& key) const { return boolean(c_.send_key(OpCode::CacheContainsKey, c_.wire(key))); }
    template <class K>
    std::future<bool> contains_keys(const std::vector<K>& keys) const { return boolean(c_.send_keys(OpCode::CacheContainsKeys, c_.values_of(keys))); }
    template <class V = Value, class K, class W>
    std::future<std::optional<V>> get_and_put(const K& key, const W& value) const {
        return optional_of<V>(c_.send_kv(OpCode::CacheGetAndPut, c_.wire(key), c_.wire(value)));
    }
    template <class V = Value, class K, class W>
    std::future<std::optional<V>> get_and_replace(const K& key, const W& value) const {
        return optional_of<V>(c_.send_kv(OpCode::CacheGetAndReplace, c_.wire(key), c_.wire(value)));
    }
    template <class V = Value, class K>
    std::future<std::optional<V>> get_and_remove(const K& key) const { return optional_of<V>(c_.send_key(OpCode::CacheGetAndRemove, c_.wire(key))); }
    template <class V = Value, class K, class W>
    std::future<std::optional<V>> get_and_put_if_absent(const K& key, const W& value) const {
        return optional_of<V>(c_.send_kv(OpCode::CacheGetAndPutIfAbsent, c_.wire(key), c_.wire(value)));
    }
    template <class K, class V>
    std::future<bool> put_if_absent(const K& key, const V& value) const { return boolean(c_.send_kv(OpCode::CachePutIfAbsent, c_.wire(key), c_.wire(value))); }
    template <class K, class V>
    std::future<bool> replace(const K& key, const V& value) const { return boolean(c_.send_kv(OpCode::CacheReplace, c_.wire(key), c_.wire(value))); }
    template <class K, class V, class W>
    std::future<bool> replace_if_equals(const K& key, const V& expected, const W& value) const {
        return boolean(c_.send_kvv(OpCode::CacheReplaceIfEquals, c_.wire(key), c_.wire(expected), c_.wire(value)));
    }
    template <class K>
    std::future<bool> remove_key(const K& key) const { return boolean(c_.send_key(OpCode::CacheRemoveKey, c_.wire(key))); }
    template <class K, class V>
    std::future<bool> remove_if_equals(const K& key, const V& expected) const {
        return boolean(c_.send_kv(OpCode::CacheRemoveIfEquals, c_.wire(key), c_.wire(expected)));
    }
    template <class K>
    std::future<void> remove_keys(const std::vector<K>& keys) const { return none(c_.send_keys(OpCode::CacheRemoveKeys, c_.values_of(keys))); }
    std::future<void> remove_all() const { return none(c_.send_plain(OpCode::CacheRemoveAll)); }
    std::future<void> clear() const { return none(c_.send_plain(OpCode::CacheClear)); }
    template <class K>
    std::future<void> clear_key(const K& key) const { return none(c_.send_key(OpCode::CacheClearKey, c_.wire(key))); }
    template <class K>
    std::future<void> clear_keys(const std::vector<K>& keys) const { return none(c_.send_keys(OpCode::CacheClearKeys, c_.values_of(keys))); }
    std::future<std::int64_t> get_size(std::vector<PeekMode> modes = {}) const {
        return decoded<std::int64_t>(c_.send_size(std::move(modes)), [](protocol::ByteReader& r) { return r.read_i64(); });
    }

private:
    template <class R, class Decode>
    static std::future<R> decoded(net::PendingResponse pending, Decode decode) {
        return std::async(std::launch::deferred, [p = std::move(pending), decode]() mutable -> R {
            auto resp = p.get();
            auto r = resp.reader();
            return decode(r);
        });
    }
    static std::future<void> none(net::PendingResponse pending) {
        return std::async(std::launch::deferred, [p = std::move(pending)]() mutable { p.get(); });
    }
    static std::future<bool> boolean(net::PendingResponse pending) {
        return decoded<bool>(std::move(pending), [](protocol::ByteReader& r) { return r.read_bool(); });
    }
    template <class V>
    std::future<std::optional<V>> optional_of(net::PendingResponse pending) const {
        return decoded<std::optional<V>>(std::move(pending), [self = c_](protocol::ByteReader& r) -> std::optional<V> {
            auto v = protocol::read_value(r);
            if (v.is_null()) return std::nullopt;
            return self.template unwire<V>(v);
        });
    }

    Cache c_;
};

}  // namespace kindling::kvapi
