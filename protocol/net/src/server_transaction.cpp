#include "kindling/net/server_transaction.hpp"

#include <utility>

#include "kindling/net/typed_call.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::net {

namespace {
std::string describe(const std::string& label, std::int32_t id) {
    return "transaction" + (label.empty() ? std::string() : " '" + label + "'") + " (id " + std::to_string(id) + ")";
}
}  // namespace

ServerTransaction ServerTransaction::start(std::shared_ptr<ClusterClient> client, const TransactionOptions& options,
                                           const Route& route) {
    if (options.timeout.count() < 0)
        throw UsageError("a transaction timeout cannot be negative (" + std::to_string(options.timeout.count()) + " ms)");
    auto channel = client->acquire_channel(route);
    // Transactions came with protocol 1.5.0 (ClientTxStartRequest).
    if (const auto& ctx = client->context(channel); !ctx.at_least(1, 5))
        throw TransactionError("transactions need protocol 1.5.0 or newer; the server speaks " + std::to_string(ctx.version.major) +
                               "." + std::to_string(ctx.version.minor) + "." + std::to_string(ctx.version.patch));
    protocol::TxStart message{.concurrency = options.concurrency,
                              .isolation = options.isolation,
                              .timeout_ms = options.timeout.count(),
                              .label = options.label};
    std::int32_t id = 0;
    try {
        id = call(*client, message, pinned(channel));
    } catch (const ConnectionError&) {
        throw;
    } catch (const TimeoutError&) {
        throw;
    } catch (const TransactionError&) {
        throw;
    } catch (const Error& e) {
        throw TransactionError("could not start a transaction" + (options.label.empty() ? std::string() : " '" + options.label + "'") +
                                   ": " + e.what(),
                               e.server_status(), e.server_message());
    }
    ServerTransaction tx;
    tx.client_ = std::move(client);
    tx.channel_ = std::move(channel);
    tx.id_ = id;
    tx.label_ = options.label;
    tx.active_ = true;
    return tx;
}

ServerTransaction::ServerTransaction(ServerTransaction&& other) noexcept
    : client_(std::move(other.client_)), channel_(std::move(other.channel_)), id_(other.id_), label_(std::move(other.label_)),
      active_(std::exchange(other.active_, false)) {}

ServerTransaction& ServerTransaction::operator=(ServerTransaction&& other) noexcept {
    if (this != &other) {
        if (active_) {
            try {
                rollback();
            } catch (...) {
            }
        }
        client_ = std::move(other.client_);
        channel_ = std::move(other.channel_);
        id_ = other.id_;
        label_ = std::move(other.label_);
        active_ = std::exchange(other.active_, false);
    }
    return *this;
}

ServerTransaction::~ServerTransaction() {
    if (!active_) return;
    try {
        rollback();
    } catch (...) {
        // The connection may be gone: the server rolled back with it.
    }
}

void ServerTransaction::end(bool commit) {
    if (!active_) throw TransactionError(describe(label_, id_) + " is not active (never started, or already ended)");
    active_ = false;  // whatever happens next, it is not ended twice
    try {
        call(*client_, protocol::TxEnd{.tx_id = id_, .commit = commit}, route());
    } catch (const Error& e) {
        throw TransactionError(describe(label_, id_) + " failed to " + (commit ? "commit" : "roll back") + ": " + e.what(),
                               e.server_status(), e.server_message());
    }
}

}  // namespace kindling::net
