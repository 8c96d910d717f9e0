#include "detail.hpp"

#include "kindling/protocol/binary_type_messages.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::kvapi::detail {

std::shared_ptr<TxState> ClientState::current_tx() const {
    std::lock_guard lock(tx_mu);
    auto it = tx_by_thread.find(std::this_thread::get_id());
    if (it == tx_by_thread.end()) return nullptr;
    auto tx = it->second.lock();
    if (!tx) return nullptr;  // the Transaction object is gone (it rolled back)
    if (tx->active) return tx;
    if (tx->ended_elsewhere)
        throw TransactionError(tx->describe() + " was ended on another thread; this thread's operations no longer run in it "
                               "(destroy the Transaction or start a new one)");
    return nullptr;
}

void ClientState::bind(const std::shared_ptr<TxState>& tx) {
    std::lock_guard lock(tx_mu);
    // Drop bindings whose transactions are gone, so the map does not grow with threads that left.
    std::erase_if(tx_by_thread, [](const auto& e) { return e.second.expired(); });
    tx_by_thread[tx->owner] = tx;
}

void ClientState::unbind(const TxState& tx) {
    std::lock_guard lock(tx_mu);
    auto it = tx_by_thread.find(tx.owner);
    if (it == tx_by_thread.end()) return;
    auto bound = it->second.lock();
    if (!bound || bound.get() == &tx) tx_by_thread.erase(it);
}

void rethrow_with_prefix(const std::string& prefix) {
    // Most derived first: the type is what callers catch, so it must survive the added context.
    try {
        throw;
    } catch (const CacheNotFoundError& e) {
        throw CacheNotFoundError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const CacheExistsError& e) {
        throw CacheExistsError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const CacheError& e) {
        throw CacheError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const SqlError& e) {
        throw SqlError(prefix + e.what(), e.server_status(), e.sqlstate(), e.server_message());
    } catch (const TransactionError& e) {
        throw TransactionError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const TimeoutError& e) {
        throw TimeoutError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const TlsError& e) {
        throw TlsError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const ReconnectError& e) {
        throw ReconnectError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const ConnectionError& e) {
        throw ConnectionError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const AuthenticationError& e) {
        throw AuthenticationError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const ProtocolError& e) {
        throw ProtocolError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const UnsupportedError& e) {
        throw UnsupportedError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const UsageError& e) {
        throw UsageError(prefix + e.what(), e.server_status(), e.server_message());
    } catch (const Error& e) {
        throw Error(prefix + e.what(), e.server_status(), e.server_message());
    }
}

void require_name(const std::string& name, const char* what) {
    if (name.empty()) throw UsageError(std::string(what) + " must not be empty");
}

void require_not_negative(std::chrono::milliseconds d, const char* what) {
    if (d.count() < 0) throw UsageError(std::string(what) + " must not be negative (got " + std::to_string(d.count()) + " ms)");
}

void require_positive(std::int64_t n, const char* what) {
    if (n <= 0) throw UsageError(std::string(what) + " must be positive (got " + std::to_string(n) + ")");
}

ClientState::CacheTarget ClientState::cache_target(std::int32_t cache_id, const std::optional<protocol::ExpiryPolicy>& expiry,
                                                  const Value* key) const {
    CacheTarget t;
    t.header.cache_id = cache_id;
    t.header.expiry = expiry;
    t.route.cache_id = cache_id;
    t.route.key = key;
    t.tx = current_tx();
    if (t.tx) {
        t.header.tx_id = t.tx->id;
        t.route.channel = t.tx->channel;
    }
    return t;
}

void ClientState::ensure_registered(const protocol::BinaryTypeMetadata& metadata) {
    std::pair<std::int32_t, std::int32_t> key{metadata.type_id, metadata.schemas.empty() ? 0 : metadata.schemas.front().schema_id};
    {
        std::lock_guard lock(types_mu);
        if (registered_schemas.count(key)) return;
    }
    call(protocol::BinaryTypePut{metadata});
    std::lock_guard lock(types_mu);
    registered_schemas.insert(key);
}

std::optional<protocol::BinaryTypeMetadata> ClientState::type_metadata(std::int32_t type_id) const {
    return call(protocol::BinaryTypeGet{type_id});
}

}  // namespace kindling::kvapi::detail
