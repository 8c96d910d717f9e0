#pragma once
// A cache handle: key-value operations, SQL and scans on one cache. Keys and values are any mapped
// C++ type (value_traits.hpp) or kindling::Value; the C++ type is the wire type, so
// cache.put(Char{u'a'}, 2) and cache.put("a", 1) are two different keys (the document's type hints).
//
// Lifetimes: a Cache is a cheap value (copy it freely). It keeps its client's connections alive, so
// it may outlive the Client object; after Client::close() its operations fail with
// ConnectionError. Thread-safety: every const member may be called from any number of threads at
// once. Transactions: operations join the transaction their thread has open on the same client
// (transaction.hpp).
//
// Asynchronous forms (get_async, put_async, async() for every operation) put the request on the wire
// and return at once: a std::future fulfilled when the reply arrives (poll it with wait_for, combine
// it), or a completion callback `void(std::exception_ptr error, T result)` called exactly once on the
// client's I/O thread, where it must not block on another request of the client.
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kindling/kvapi/binary_type.hpp"
#include "kindling/kvapi/cache_configuration.hpp"
#include "kindling/kvapi/continuous_query.hpp"
#include "kindling/kvapi/expiry_policy.hpp"
#include "kindling/kvapi/scan.hpp"
#include "kindling/kvapi/sql.hpp"
#include "kindling/kvapi/value_traits.hpp"
#include "kindling/protocol/op_code.hpp"

namespace kindling::kvapi {

class AsyncCache;

// Ignite's CachePeekMode, for get_size().
enum class PeekMode : std::int8_t { All = 0, Near = 1, Primary = 2, Backup = 3, Onheap = 4, Offheap = 5 };

// The completion of an asynchronous operation: called once with a null error and the result, or
// with the operation's error (the same exception types as the blocking call) and a default T.
template <class T>
struct CompletionOf {
    using type = std::function<void(std::exception_ptr error, T result)>;
};
template <>
struct CompletionOf<void> {
    using type = std::function<void(std::exception_ptr error)>;
};
template <class T>
using Completion = typename CompletionOf<T>::type;

// The map get_all returns: std::map when the key type is ordered, else std::unordered_map (e.g.
// kindling::Value keys of mixed types, which have std::hash and equality but no order).
template <class K, class V>
using GetAllResult = std::conditional_t<std::totally_ordered<K>, std::map<K, V>, std::unordered_map<K, V>>;

namespace detail {
// What an asynchronous request carries after its cache header, and what its reply holds.
enum class Operands : std::uint8_t { None, Key, KeyValue, KeyValueValue, Keys, Entries, PeekModes };
enum class Reply : std::uint8_t { None, Bool, Value, Long, Entries };

template <class R>
concept PairRange = std::ranges::input_range<R> && requires(std::ranges::range_reference_t<R> e) {
    std::get<0>(e);
    std::get<1>(e);
};
}  // namespace detail

class Cache {
public:
    const std::string& name() const noexcept { return name_; }
    std::int32_t id() const noexcept { return id_; }

    // A view of this cache whose operations carry an expiry policy. Throws UsageError for a
    // negative duration that is not one of ExpiryPolicy's constants.
    Cache with_expiry(const ExpiryPolicy& policy) const;

    // --- the dynamic core (kindling::Value) -----------------------------------------------------
    std::optional<Value> get_value(const Value& key) const;
    void put_value(const Value& key, const Value& value) const;
    std::vector<std::pair<Value, Value>> get_all_values(const std::vector<Value>& keys) const;
    void put_all_values(const std::vector<std::pair<Value, Value>>& entries) const;
    bool contains_keys_values(const std::vector<Value>& keys) const;
    void remove_keys_values(const std::vector<Value>& keys) const;
    void clear_keys_values(const std::vector<Value>& keys) const;

    // --- asynchronous (the request is on the wire when the call returns) ------------------------
    std::future<std::optional<Value>> get_value_async(const Value& key) const { return get_async<Value>(key); }
    std::future<void> put_value_async(const Value& key, const Value& value) const { return put_async(key, value); }
    template <class V = Value, class K>
    std::future<std::optional<V>> get_async(const K& key) const {
        return future_of<std::optional<V>, V>(OpCode::CacheGet, detail::Operands::Key, {wire(key)}, detail::Reply::Value,
                                           optional_of<V>());
    }
    template <class V = Value, class K>
    void get_async(const K& key, Completion<std::optional<V>> done) const {
        callback_of<std::optional<V>, V>(OpCode::CacheGet, detail::Operands::Key, {wire(key)}, detail::Reply::Value,
                                      optional_of<V>(), std::move(done));
    }
    template <class K, class V>
    std::future<void> put_async(const K& key, const V& value) const {
        return future_of<void>(OpCode::CachePut, detail::Operands::KeyValue, {wire(key), wire(value)}, detail::Reply::None,
                               [](const Value&) {});
    }
    template <class K, class V>
    void put_async(const K& key, const V& value, Completion<void> done) const {
        callback_of<void>(OpCode::CachePut, detail::Operands::KeyValue, {wire(key), wire(value)}, detail::Reply::None,
                          [](const Value&) {}, std::move(done));
    }

    // --- typed convenience ----------------------------------------------------------------------
    template <class V = Value, class K>
    std::optional<V> get(const K& key) const {
        auto v = get_value(wire(key));
        if (!v || v->is_null()) return std::nullopt;
        return unwire<V>(*v);
    }
    template <class K, class V>
    void put(const K& key, const V& value) const { put_value(wire(key), wire(value)); }

    // Missing keys are absent from the result: a std::map, or an std::unordered_map for unordered
    // key types such as kindling::Value (get_all<Value, Value>(...) reads keys of mixed types).
    template <class K, class V = Value>
    GetAllResult<K, V> get_all(const std::vector<K>& keys) const {
        GetAllResult<K, V> out;
        for (auto& [k, v] : get_all_values(values_of(keys))) out.emplace(unwire<K>(k), unwire<V>(v));
        return out;
    }
    // Any range of pairs: std::map, std::unordered_map, std::vector<std::pair<K, V>>, ...
    template <detail::PairRange R>
    void put_all(const R& entries) const { put_all_values(entries_of(entries)); }

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

    // The value held by the node this request reaches (partition-aware routing sends it to the
    // key's primary), without going to other nodes: a way to see where routing went. Ignite 2.17's
    // ClientCacheLocalPeekRequest reads no peek modes and always peeks with CachePeekMode.ALL
    // (primary, backup, near, on-heap and off-heap copies on that node), so this takes none.
    std::optional<Value> local_peek(const Value& key) const;
    // Source compatibility only: the modes are not sent (the server would ignore them, see above).
    std::optional<Value> local_peek(const Value& key, const std::vector<PeekMode>& ignored_modes) const {
        (void)ignored_modes;
        return local_peek(key);
    }

    CacheConfiguration configuration() const;
    void destroy() const;

    // SQL over this cache (schema: the cache's SQL schema unless options say otherwise).
    SqlCursor sql(std::string query, std::vector<Value> args = {}, SqlOptions options = {}) const;
    ScanCursor scan(ScanOptions options = {}) const;

    // Every key-value operation returning a future or taking a completion (async_cache.hpp).
    AsyncCache async() const;

    // Every later change of this cache's entries, pushed by the server to `listener`.
    ContinuousQuery continuous_query(std::function<void(const std::vector<CacheEntryEvent>&)> listener,
                                     ContinuousQueryOptions options = {}) const;

private:
    friend class Client;
    friend class AsyncCache;
    Cache(std::shared_ptr<detail::ClientState> state, std::string name);

    // The asynchronous core (cache.cpp): sends `op` with the cache header (the calling thread's
    // transaction, the expiry policy) and `operands` laid out as `shape`, routed by the key, and
    // calls `done` once with the decoded reply (Bool, Long, Value; Entries as a Map value) or the
    // error, on the I/O thread.
    void async_call(OpCode op, detail::Operands shape, std::vector<Value> operands, detail::Reply reply,
                    std::function<void(std::exception_ptr, Value)> done) const;
    // Runs `work` where it may block (a thread of its own): decoding that needs a schema from the
    // cluster must not wait on the I/O thread that delivers the reply.
    static void off_io_thread(std::function<void()> work) { std::thread(std::move(work)).detach(); }

    // R: the result type; D: the mapped type(s) the converter decodes (V, or std::pair<K, V> for maps).
    template <class R, class D = void, class Convert>
    void callback_of(OpCode op, detail::Operands shape, std::vector<Value> operands, detail::Reply reply, Convert convert,
                     Completion<R> done) const {
        auto finish = [convert = std::move(convert), done = std::move(done)](std::exception_ptr error, const Value& v) mutable {
            if constexpr (std::is_void_v<R>) {
                if (!error) {
                    try { convert(v); } catch (...) { error = std::current_exception(); }
                }
                done(error);
            } else {
                R result{};
                if (!error) {
                    try { result = convert(v); } catch (...) { error = std::current_exception(); }
                }
                done(error, std::move(result));
            }
        };
        async_call(op, shape, std::move(operands), reply, [finish = std::move(finish)](std::exception_ptr error, Value v) mutable {
            if (!error && needs_schema_for(v, Decodes<D>{}))
                off_io_thread([finish = std::move(finish), v = std::move(v)]() mutable { finish(nullptr, v); });
            else
                finish(error, v);
        });
    }
    template <class R, class D = void, class Convert>
    std::future<R> future_of(OpCode op, detail::Operands shape, std::vector<Value> operands, detail::Reply reply,
                             Convert convert) const {
        auto promise = std::make_shared<std::promise<R>>();
        auto future = promise->get_future();
        if constexpr (std::is_void_v<R>) {
            callback_of<void, D>(op, shape, std::move(operands), reply, std::move(convert), [promise](std::exception_ptr e) {
                if (e) promise->set_exception(e);
                else promise->set_value();
            });
        } else {
            callback_of<R, D>(op, shape, std::move(operands), reply, std::move(convert), [promise](std::exception_ptr e, R r) {
                if (e) promise->set_exception(e);
                else promise->set_value(std::move(r));
            });
        }
        return future;
    }

    // Converters from a reply Value to the result type; each knows the mapped types it decodes.
    template <class T>
    struct Decodes {};
    template <class V>
    auto optional_of() const {
        return [self = *this](const Value& v) -> std::optional<V> {
            if (v.is_null()) return std::nullopt;
            return self.template unwire<V>(v);
        };
    }
    template <class T>
    static auto value_as() {
        return [](const Value& v) -> T { return v.get<T>(); };
    }
    template <class K, class V>
    auto map_of() const {
        return [self = *this](const Value& v) {
            GetAllResult<K, V> out;
            for (const auto& e : v.get<Map>().entries) out.emplace(self.template unwire<K>(e.key), self.template unwire<V>(e.value));
            return out;
        };
    }
    // Whether decoding `v` as D needs a schema this client has not seen (fetched from the cluster).
    template <class T>
    static bool unknown_schema(const Value& v) {
        if constexpr (BinaryMapped<T>) {
            auto* obj = v.get_if<BinaryObject>();
            return obj && !protocol::schema_is_known(*obj, ValueTraits<T>::metadata());
        } else {
            (void)v;
            return false;
        }
    }
    static bool needs_schema_for(const Value&, Decodes<void>) { return false; }
    template <class T>
    static bool needs_schema_for(const Value& v, Decodes<T>) { return unknown_schema<T>(v); }
    template <class K, class V>
    static bool needs_schema_for(const Value& v, Decodes<std::pair<K, V>>) {
        if constexpr (BinaryMapped<K> || BinaryMapped<V>) {
            for (const auto& e : v.get<Map>().entries)
                if (unknown_schema<K>(e.key) || unknown_schema<V>(e.value)) return true;
        }
        return false;
    }

    template <class K>
    std::vector<Value> values_of(const std::vector<K>& keys) const {
        std::vector<Value> ks;
        ks.reserve(keys.size());
        for (const auto& k : keys) ks.push_back(wire(k));
        return ks;
    }
    template <class R>
    std::vector<std::pair<Value, Value>> entries_of(const R& entries) const {
        std::vector<std::pair<Value, Value>> es;
        if constexpr (std::ranges::sized_range<R>) es.reserve(std::ranges::size(entries));
        for (const auto& e : entries) es.emplace_back(wire(std::get<0>(e)), wire(std::get<1>(e)));
        return es;
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
    std::int32_t id_ = 0;
    std::optional<protocol::ExpiryPolicy> expiry_;
};

}  // namespace kindling::kvapi
