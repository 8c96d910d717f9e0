#include "kindling/kvapi/cache.hpp"

#include <type_traits>

#include "kindling/kvapi/async_cache.hpp"

#include "detail.hpp"
#include "kindling/protocol/cache_admin_messages.hpp"
#include "kindling/protocol/cache_messages.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/java_hash.hpp"

namespace kindling::kvapi {

namespace {
namespace P = protocol;

// The message of a cache operation, its operands given in the order the public API takes them
// (key, expected, value; keys; flat key, value, key, value ...; peek modes).
template <class M>
M make_message(std::vector<Value> v) {
    M m{};
    if constexpr (requires(M& x) { x.keys; }) {
        m.keys = std::move(v);
    } else if constexpr (requires(M& x) { x.entries; }) {
        m.entries.reserve(v.size() / 2);
        for (std::size_t i = 0; i + 1 < v.size(); i += 2) m.entries.emplace_back(std::move(v[i]), std::move(v[i + 1]));
    } else if constexpr (requires(M& x) { x.modes; }) {
        for (const auto& x : v) m.modes.push_back(static_cast<P::PeekMode>(x.get<std::int8_t>()));
    } else {
        std::size_t i = 0;
        auto next = [&]() -> Value { return i < v.size() ? std::move(v[i++]) : Value{}; };
        if constexpr (requires(M& x) { x.key; }) m.key = next();
        if constexpr (requires(M& x) { x.expected; }) m.expected = next();
        if constexpr (requires(M& x) { x.value; }) m.value = next();
    }
    return m;
}

// A typed reply as the one Value the asynchronous path hands on.
Value to_value(P::NoReply) { return Value{}; }
Value to_value(bool b) { return Value(b); }
Value to_value(std::int64_t n) { return Value(n); }
Value to_value(std::optional<Value> v) { return v ? std::move(*v) : Value{}; }
Value to_value(P::KeyValuePairs pairs) {
    Map m;
    m.entries.reserve(pairs.size());
    for (auto& [k, v] : pairs) m.entries.push_back(MapEntry{std::move(k), std::move(v)});
    return Value(std::move(m));
}

// Calls `f(std::type_identity<M>{})` with the message type of a cache operation.
template <class F>
decltype(auto) with_message(OpCode op, F&& f) {
    switch (op) {
        case OpCode::CacheGet: return f(std::type_identity<P::CacheGet>{});
        case OpCode::CachePut: return f(std::type_identity<P::CachePut>{});
        case OpCode::CachePutIfAbsent: return f(std::type_identity<P::CachePutIfAbsent>{});
        case OpCode::CacheGetAll: return f(std::type_identity<P::CacheGetAll>{});
        case OpCode::CachePutAll: return f(std::type_identity<P::CachePutAll>{});
        case OpCode::CacheGetAndPut: return f(std::type_identity<P::CacheGetAndPut>{});
        case OpCode::CacheGetAndReplace: return f(std::type_identity<P::CacheGetAndReplace>{});
        case OpCode::CacheGetAndRemove: return f(std::type_identity<P::CacheGetAndRemove>{});
        case OpCode::CacheGetAndPutIfAbsent: return f(std::type_identity<P::CacheGetAndPutIfAbsent>{});
        case OpCode::CacheReplace: return f(std::type_identity<P::CacheReplace>{});
        case OpCode::CacheReplaceIfEquals: return f(std::type_identity<P::CacheReplaceIfEquals>{});
        case OpCode::CacheContainsKey: return f(std::type_identity<P::CacheContainsKey>{});
        case OpCode::CacheContainsKeys: return f(std::type_identity<P::CacheContainsKeys>{});
        case OpCode::CacheClear: return f(std::type_identity<P::CacheClear>{});
        case OpCode::CacheClearKey: return f(std::type_identity<P::CacheClearKey>{});
        case OpCode::CacheClearKeys: return f(std::type_identity<P::CacheClearKeys>{});
        case OpCode::CacheRemoveKey: return f(std::type_identity<P::CacheRemoveKey>{});
        case OpCode::CacheRemoveIfEquals: return f(std::type_identity<P::CacheRemoveIfEquals>{});
        case OpCode::CacheRemoveKeys: return f(std::type_identity<P::CacheRemoveKeys>{});
        case OpCode::CacheRemoveAll: return f(std::type_identity<P::CacheRemoveAll>{});
        case OpCode::CacheGetSize: return f(std::type_identity<P::CacheGetSize>{});
        default: break;
    }
    throw UsageError("not a cache operation: op code " + std::to_string(static_cast<int>(op)));
}

// One blocking cache operation whose reply is `R` (Value: any reply, as the asynchronous path has it).
template <class R>
R run(const detail::ClientState& st, std::int32_t cache_id, const std::optional<P::ExpiryPolicy>& expiry, OpCode op,
      std::vector<Value> operands) {
    return with_message(op, [&]<class M>(std::type_identity<M>) -> R {
        if constexpr (std::is_same_v<R, Value>) {
            return to_value(st.cache_call(make_message<M>(std::move(operands)), cache_id, expiry));
        } else if constexpr (std::is_same_v<R, typename M::Reply>) {
            return st.cache_call(make_message<M>(std::move(operands)), cache_id, expiry);
        } else {
            throw UsageError("cache operation " + std::to_string(static_cast<int>(op)) + " has another reply type");
        }
    });
}

}  // namespace

Cache::Cache(std::shared_ptr<detail::ClientState> state, std::string name)
    : state_(std::move(state)), name_(std::move(name)), id_(protocol::cache_id(name_)) {
    detail::require_name(name_, "a cache name");
}

Cache Cache::with_expiry(const ExpiryPolicy& policy) const {
    Cache c = *this;
    c.expiry_ = policy.to_protocol();  // validates
    return c;
}

std::optional<Value> Cache::get_value(const Value& key) const {
    return state_->cache_call(P::CacheGet{{}, key}, id_, expiry_);
}

void Cache::put_value(const Value& key, const Value& value) const {
    state_->cache_call(P::CachePut{{}, key, value}, id_, expiry_);
}

std::vector<std::pair<Value, Value>> Cache::get_all_values(const std::vector<Value>& keys) const {
    return state_->cache_call(P::CacheGetAll{{}, keys}, id_, expiry_);
}

void Cache::put_all_values(const std::vector<std::pair<Value, Value>>& entries) const {
    state_->cache_call(P::CachePutAll{{}, entries}, id_, expiry_);
}

bool Cache::contains_keys_values(const std::vector<Value>& keys) const {
    return state_->cache_call(P::CacheContainsKeys{{}, keys}, id_, expiry_);
}

void Cache::remove_keys_values(const std::vector<Value>& keys) const {
    state_->cache_call(P::CacheRemoveKeys{{}, keys}, id_, expiry_);
}

void Cache::clear_keys_values(const std::vector<Value>& keys) const {
    state_->cache_call(P::CacheClearKeys{{}, keys}, id_, expiry_);
}

Value Cache::kv_op_value(OpCode op, const Value& key, const Value& value) const {
    return run<Value>(*state_, id_, expiry_, op, {key, value});
}

bool Cache::kv_op_bool(OpCode op, const Value& key, const Value& value) const {
    return run<bool>(*state_, id_, expiry_, op, {key, value});
}

bool Cache::key_op_bool(OpCode op, const Value& key) const { return run<bool>(*state_, id_, expiry_, op, {key}); }

Value Cache::key_op_value(OpCode op, const Value& key) const { return run<Value>(*state_, id_, expiry_, op, {key}); }

void Cache::key_op_void(OpCode op, const Value& key) const { run<P::NoReply>(*state_, id_, expiry_, op, {key}); }

bool Cache::replace_if_equals_value(const Value& key, const Value& expected, const Value& value) const {
    return state_->cache_call(P::CacheReplaceIfEquals{{}, key, expected, value}, id_, expiry_);
}

void Cache::remove_all() const { state_->cache_call(P::CacheRemoveAll{}, id_, expiry_); }

void Cache::clear() const { state_->cache_call(P::CacheClear{}, id_, expiry_); }

std::int64_t Cache::get_size(std::vector<PeekMode> modes) const {
    P::CacheGetSize m;
    for (auto mode : modes) m.modes.push_back(static_cast<P::PeekMode>(mode));
    return state_->cache_call(std::move(m), id_, expiry_);
}

std::optional<Value> Cache::local_peek(const Value& key) const {
    // ClientCacheLocalPeekRequest (Ignite 2.17) peeks with CachePeekMode.ALL whatever modes are sent.
    return state_->cache_call(P::CacheLocalPeek{{}, key, {}}, id_, expiry_);
}

CacheConfiguration Cache::configuration() const { return state_->call(P::CacheGetConfiguration{id_}); }

void Cache::destroy() const { state_->call(P::CacheDestroy{id_}); }

}  // namespace kindling::kvapi

namespace kindling::kvapi {

void Cache::ensure_registered(const protocol::BinaryTypeMetadata& metadata) const { state_->ensure_registered(metadata); }

std::optional<protocol::BinaryTypeMetadata> Cache::fetch_metadata(std::int32_t type_id) const { return state_->type_metadata(type_id); }

}  // namespace kindling::kvapi

namespace kindling::kvapi {

AsyncCache Cache::async() const { return AsyncCache(*this); }

void Cache::async_call(OpCode op, detail::Operands /*shape: the message knows its operands*/, std::vector<Value> operands,
                       detail::Reply /*reply: the message knows it too*/, std::function<void(std::exception_ptr, Value)> done) const {
    try {
        // Bound to the calling thread, not to the thread the reply arrives on.
        auto target = state_->cache_target(id_, expiry_, nullptr);
        auto prefix = target.tx ? target.tx->describe() + ": " : std::string();
        with_message(op, [&]<class M>(std::type_identity<M>) {
            auto message = make_message<M>(std::move(operands));
            message.header = target.header;
            net::Route route = target.route;
            // The routing key is read before call_async returns; the message itself moves into it.
            std::optional<Value> routing_key;
            if constexpr (requires(M& m) { m.key; }) {
                routing_key = message.key;
                route.key = &*routing_key;
            }
            net::call_async(*state_->net, std::move(message), std::move(route),
                            [prefix, done](net::Outcome<typename M::Reply> outcome) {
                                Value result;
                                std::exception_ptr error;
                                try {
                                    try {
                                        result = to_value(std::move(outcome).get());
                                    } catch (const Error&) {
                                        if (prefix.empty()) throw;
                                        detail::rethrow_with_prefix(prefix);
                                    }
                                } catch (...) {
                                    error = std::current_exception();
                                }
                                done(error, std::move(result));
                            });
        });
    } catch (...) {
        // Not sent (no live connection, the thread's transaction ended elsewhere, ...): the
        // completion has not run and never will.
        done(std::current_exception(), Value{});
    }
}

}  // namespace kindling::kvapi
