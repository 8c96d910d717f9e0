#pragma once
// A cache handle: key-value operations, SQL and scans on one cache. Cheap to copy. Keys and values
// are any mapped C++ type (value_traits.hpp) or kindling::Value; the C++ type is the wire type, so
// cache.put(Char{u'a'}, 2) and cache.put("a", 1) are two different keys (the document's type hints).
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kindling/kvapi/binary_type.hpp"
#include "kindling/kvapi/continuous_query.hpp"
#include "kindling/kvapi/scan.hpp"
#include "kindling/kvapi/sql.hpp"
#include "kindling/kvapi/value_traits.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/protocol/cache_configuration.hpp"
#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/op_code.hpp"

namespace kindling::kvapi {

class AsyncCache;
using protocol::CacheConfiguration;
using protocol::ExpiryPolicy;

enum class PeekMode : std::int8_t { All = 0, Near = 1, Primary = 2, Backup = 3, Onheap = 4, Offheap = 5 };

class Cache {
public:
    const std::string& name() const noexcept { return name_; }
    std::int32_t id() const noexcept { return id_; }

    // A view of this cache whose operations carry an expiry policy.
    Cache with_expiry(ExpiryPolicy policy) const;

    // --- the dynamic core (kindling::Value) -----------------------------------------------------
    std::optional<Value> get_value(const Value& key) const;
    void put_value(const Value& key, const Value& value) const;
    std::vector<std::pair<Value, Value>> get_all_values(const std::vector<Value>& keys) const;
    void put_all_values(const std::vector<std::pair<Value, Value>>& entries) const;
    bool contains_keys_values(const std::vector<Value>& keys) const;
    void remove_keys_values(const std::vector<Value>& keys) const;
    void clear_keys_values(const std::vector<Value>& keys) const;

    // --- asynchronous (pipelined: the request is on the wire when the call returns; get() waits)
    std::future<std::optional<Value>> get_value_async(const Value& key) const;
    std::future<void> put_value_async(const Value& key, const Value& value) const;
    template <class V = Value, class K>
    std::future<std::optional<V>> get_async(const K& key) const {
        return std::async(std::launch::deferred, [self = *this, f = get_value_async(wire(key))]() mutable -> std::optional<V> {
            auto v = f.get();
            if (!v) return std::nullopt;
            return self.template unwire<V>(*v);
        });
    }
    template <class K, class V>
    std::future<void> put_async(const K& key, const V& value) const { return put_value_async(wire(key), wire(value)); }

    // --- typed convenience ----------------------------------------------------------------------
    template <class V = Value, class K>
    std::optional<V> get(const K& key) const {
        auto v = get_value(wire(key));
        if (!v || v->is_null()) return std::nullopt;
        return unwire<V>(*v);
    }
    template <class K, class V>
    void put(const K& key, const V& value) const { put_value(wire(key), wire(value)); }

    // Missing keys are absent from the result.
    template <class K, class V = Value>
    std::map<K, V> get_all(const std::vector<K>& keys) const {
        std::vector<Value> ks;
        for (const auto& k : keys) ks.push_back(wire(k));
        std::map<K, V> out;
        for (auto& [k, v] : get_all_values(ks)) out.emplace(unwire<K>(k), unwire<V>(v));
        return out;
    }
    template <class K, class V>
    void put_all(const std::map<K, V>& entries) const {
        std::vector<std::pair<Value, Value>> es;
        for (const auto& [k, v] : entries) es.emplace_back(wire(k), wire(v));
        put_all_values(es);
    }

    template <class K>
    bool contains_key(const K& key) const { return key_op_bool(OpCode::CacheContainsKey, wire(key)); }
    template <class K>
    bool contains_keys(const std::vector<K>& keys) const { return contains_keys_values(values_of(keys)); }

    template <class V = Value, class K, class W>
    std::optional<V> get_and_put(const K& key, const W& value) const { return kv_op_opt<V>(OpCode::CacheGetAndPut, key, value); }
    template <class V = Value, class K, class W>
    std::optional<V> get_and_replace(const K& key, const W& value) const { return kv_op_opt<V>(OpCode::CacheGetAndReplace, key, value); }
    template <class V = Value, class K>
    std::optional<V> get_and_remove(const K& key) const {
        auto v = key_op_value(OpCode::CacheGetAndRemove, wire(key));
        return v.is_null() ? std::nullopt : std::optional<V>(unwire<V>(v));
    }
    template <class V = Value, class K, class W>
    std::optional<V> get_and_put_if_absent(const K& key, const W& value) const {
        return kv_op_opt<V>(OpCode::CacheGetAndPutIfAbsent, key, value);
    }
    template <class K, class V>
    bool put_if_absent(const K& key, const V& value) const { return kv_op_bool(OpCode::CachePutIfAbsent, wire(key), wire(value)); }
    // False when the key is absent (nothing is written then).
    template <class K, class V>
    bool replace(const K& key, const V& value) const { return kv_op_bool(OpCode::CacheReplace, wire(key), wire(value)); }
    template <class K, class V, class W>
    bool replace_if_equals(const K& key, const V& expected, const W& value) const {
        return replace_if_equals_value(wire(key), wire(expected), wire(value));
    }
    template <class K>
    bool remove_key(const K& key) const { return key_op_bool(OpCode::CacheRemoveKey, wire(key)); }
    template <class K, class V>
    bool remove_if_equals(const K& key, const V& expected) const {
        return kv_op_bool(OpCode::CacheRemoveIfEquals, wire(key), wire(expected));
    }
    template <class K>
    void remove_keys(const std::vector<K>& keys) const { remove_keys_values(values_of(keys)); }
    void remove_all() const;
    void clear() const;
    template <class K>
    void clear_key(const K& key) const { key_op_void(OpCode::CacheClearKey, wire(key)); }
    template <class K>
    void clear_keys(const std::vector<K>& keys) const { clear_keys_values(values_of(keys)); }
    std::int64_t get_size(std::vector<PeekMode> modes = {}) const;
    // The value on the node this request reaches, without going elsewhere (testing partition routing).
    std::optional<Value> local_peek(const Value& key, std::vector<PeekMode> modes = {PeekMode::Primary}) const;

    CacheConfiguration configuration() const;
    void destroy() const;

    // SQL over this cache (schema: the cache's SQL schema unless options say otherwise).
    SqlCursor sql(std::string query, std::vector<Value> args = {}, SqlOptions options = {}) const;
    ScanCursor scan(ScanOptions options = {}) const;

    // Every key-value operation returning a future (async_cache.hpp), pipelined on the connection.
    AsyncCache async() const;

    // Every later change of this cache's entries, pushed by the server to `listener`.
    ContinuousQuery continuous_query(std::function<void(const std::vector<CacheEntryEvent>&)> listener,
                                     ContinuousQueryOptions options = {}) const;

private:
    friend class Client;
    friend class AsyncCache;
    // Requests sent without waiting (AsyncCache): the cache header, routing by key and the open
    // transaction are handled as for the blocking calls.
    net::PendingResponse send_plain(OpCode op) const;
    net::PendingResponse send_key(OpCode op, const Value& key) const;
    net::PendingResponse send_kv(OpCode op, const Value& key, const Value& value) const;
    net::PendingResponse send_kvv(OpCode op, const Value& key, const Value& a, const Value& b) const;
    net::PendingResponse send_keys(OpCode op, const std::vector<Value>& keys) const;
    net::PendingResponse send_entries(OpCode op, const std::vector<std::pair<Value, Value>>& entries) const;
    net::PendingResponse send_size(std::vector<PeekMode> modes) const;
    Cache(std::shared_ptr<detail::ClientState> state, std::string name);

    template <class K>
    std::vector<Value> values_of(const std::vector<K>& keys) const {
        std::vector<Value> ks;
        ks.reserve(keys.size());
        for (const auto& k : keys) ks.push_back(wire(k));
        return ks;
    }
    template <class V, class K, class W>
    std::optional<V> kv_op_opt(OpCode op, const K& key, const W& value) const {
        auto v = kv_op_value(op, wire(key), wire(value));
        return v.is_null() ? std::nullopt : std::optional<V>(unwire<V>(v));
    }
    // to_value/from_value, plus what mapped structs need from the cluster: their type registered
    // before the first write, and the schemas other writers used when reading.
    template <class T>
    Value wire(const T& t) const {
        if constexpr (BinaryMapped<T>) ensure_registered(ValueTraits<T>::metadata());
        return kvapi::to_value(t);
    }
    template <class V>
    V unwire(const Value& v) const {
        if constexpr (BinaryMapped<V>) {
            if (auto* obj = v.get_if<BinaryObject>(); obj && !protocol::schema_is_known(*obj, ValueTraits<V>::metadata())) {
                auto server = fetch_metadata(obj->type_id());
                return ValueTraits<V>::from_value(v, server ? &*server : nullptr);
            }
        }
        return kvapi::from_value<V>(v);
    }
    void ensure_registered(const protocol::BinaryTypeMetadata& metadata) const;
    std::optional<protocol::BinaryTypeMetadata> fetch_metadata(std::int32_t type_id) const;

    Value kv_op_value(OpCode op, const Value& key, const Value& value) const;
    bool kv_op_bool(OpCode op, const Value& key, const Value& value) const;
    bool key_op_bool(OpCode op, const Value& key) const;
    Value key_op_value(OpCode op, const Value& key) const;
    void key_op_void(OpCode op, const Value& key) const;
    bool replace_if_equals_value(const Value& key, const Value& expected, const Value& value) const;

    std::shared_ptr<detail::ClientState> state_;
    std::string name_;
    std::int32_t id_;
    std::optional<ExpiryPolicy> expiry_;
};

}  // namespace kindling::kvapi
