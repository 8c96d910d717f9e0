#pragma once
// kindling::kvapi::Client — the C++ counterpart of the Python thin client's `Client`.
//
//   kindling::kvapi::Client client;
//   client.connect({{"10.0.0.1", 10800}, {"10.0.0.2", 10800}});
//   auto cache = client.get_or_create_cache("my_cache");
//   cache.put(1, std::string("one"));
//
// Lifetimes: the Client owns the connections; Cache, cursor, Transaction and ContinuousQuery
// handles share them and may outlive the Client object (they fail with ConnectionError once
// close() ran). connect() on a connected client is a UsageError (close() first): handles made
// before stay valid. After close() + connect(), handles made before the close() stay bound to the
// closed connections (they fail with ConnectionError): take new ones from the client.
//
// Thread-safety: once connected, every const member may be called from any number of threads at
// once (requests pipeline on the shared connections). connect(), close() and assignment must not
// run concurrently with anything else on the same Client object.
//
// Validation: arguments that cannot be right (negative timeouts, empty cache or task names, page
// sizes < 1) are a UsageError thrown before anything is sent.
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kindling/kvapi/async_cache.hpp"
#include "kindling/kvapi/cache.hpp"
#include "kindling/kvapi/cache_configuration.hpp"
#include "kindling/kvapi/sql.hpp"
#include "kindling/kvapi/transaction.hpp"
#include "kindling/net/client_options.hpp"
#include "kindling/net/endpoint.hpp"
#include "kindling/net/events.hpp"
#include "kindling/net/tls_options.hpp"
#include "kindling/protocol/binary_object.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/protocol_context.hpp"

namespace kindling::kvapi {

using net::Endpoint;
using net::Event;
using net::EventHandler;
using net::RetryPolicy;
using net::TlsMode;
using net::TlsOptions;
using protocol::BinaryObjectBuilder;
using protocol::BinaryObjectReader;
using protocol::BinaryTypeMetadata;
using protocol::Feature;
using protocol::ProtocolVersion;

// Every field has a default; a plain value type. Durations must not be negative (UsageError).
struct ClientConfiguration {
    std::chrono::milliseconds connect_timeout{10'000};    // TCP connect (and TLS handshake) per node
    std::chrono::milliseconds handshake_timeout{10'000};  // the Ignite handshake's reply, per node
    std::chrono::milliseconds request_timeout{0};         // 0: none
    bool partition_awareness = true;
    TlsOptions tls{};                // the document's SSL table: use_ssl -> mode, ssl_keyfile -> key_file, ...
    std::string username{};          // credentials turn TLS on unless tls.mode is Disabled
    std::string password{};
    EventHandler on_event{};         // runs on the calling or an I/O thread: keep it short
    RetryPolicy retry = RetryPolicy::None;  // the document's failover contract (net/client_options.hpp)
    bool discover_nodes = true;      // learn the other nodes' addresses from the cluster
    // Defaults for transactions that do not say otherwise (the document's "Transaction Configuration").
    TxConcurrency default_tx_concurrency = TxConcurrency::Pessimistic;
    TxIsolation default_tx_isolation = TxIsolation::RepeatableRead;
    std::chrono::milliseconds default_tx_timeout{0};
};

enum class ClusterState : std::int8_t { Inactive = 0, Active = 1, ActiveReadOnly = 2 };

struct ComputeOptions {
    std::chrono::milliseconds timeout{0};  // 0: none (the server enforces it); < 0: UsageError
    bool no_failover = false;              // do not retry the task's jobs on other nodes
    bool no_result_cache = false;
};

// Where requests went: keyed requests sent to their primary vs elsewhere, and per node.
struct RoutingStats {
    std::uint64_t to_primary = 0;  // keyed requests sent to the key's primary node
    std::uint64_t elsewhere = 0;   // keyed requests that could not be routed (no mapping, node not connected)
    std::map<std::string, std::uint64_t> per_endpoint{};  // every request, by "host:port"
};

// One server node this client has a live connection to.
struct NodeInfo {
    std::optional<Uuid> id{};         // the node's id from the handshake (protocol 1.4+)
    std::string endpoint{};           // "host:port" connected to
    ProtocolVersion protocol_version{};
};

class Client {
public:
    Client() = default;
    explicit Client(ClientConfiguration config) : config_(std::move(config)) {}
    Client(Client&&) noexcept = default;
    Client& operator=(Client&&) noexcept;  // closes the connections this client had
    ~Client();

    // Throws UsageError when already connected or the configuration is invalid; ConnectionError
    // ("no endpoints given" for an empty list), AuthenticationError, TlsError, TimeoutError.
    void connect(const std::string& host, std::uint16_t port);
    void connect(std::vector<Endpoint> endpoints);
    void close();
    bool connected() const noexcept { return state_ != nullptr; }

    Cache get_cache(const std::string& name) const;
    Cache create_cache(const std::string& name) const;
    Cache get_or_create_cache(const std::string& name) const;
    Cache create_cache(const CacheConfiguration& config) const;
    Cache get_or_create_cache(const CacheConfiguration& config) const;
    std::vector<std::string> cache_names() const;

    // SQL without a cache: the schema is PUBLIC unless options.schema says otherwise.
    SqlCursor sql(std::string query, std::vector<Value> args = {}, SqlOptions options = {}) const;

    // Starts a transaction bound to this client and the calling thread (transaction.hpp).
    Transaction tx_start(TxOptions options = {}) const;
    Transaction tx_start(TxConcurrency concurrency, TxIsolation isolation,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(0), std::string label = {}) const {
        return tx_start(TxOptions{concurrency, isolation, timeout, std::move(label)});
    }

    // Complex objects: registers the builder's type metadata with the cluster (once per schema)
    // and returns the object, ready to be a key or a value:
    //   auto key = client.make_object(BinaryObjectBuilder("PersonKey").set("personId", 1).set("companyId", 1));
    BinaryObject make_object(const BinaryObjectBuilder& builder) const;
    void register_type(const BinaryTypeMetadata& metadata) const;
    std::optional<BinaryTypeMetadata> type_metadata(std::int32_t type_id) const;
    // The fields of a complex object by name (its type's metadata is fetched from the cluster).
    std::map<std::string, Value> object_fields(const BinaryObject& object) const;

    // Runs a Java compute task deployed on the servers, by class name, and returns its result
    // (the cluster must allow thin-client compute: ThinClientConfiguration
    // .maxActiveComputeTasksPerConnection > 0). A failing task throws the server's error.
    Value execute_task(const std::string& task_name, const Value& argument = Value{}, ComputeOptions options = {}) const;
    // The future is fulfilled when the result arrives (whether or not anyone reads it).
    std::future<Value> execute_task_async(const std::string& task_name, const Value& argument = Value{},
                                          ComputeOptions options = {}) const;
    // The completion runs once, on the client's I/O thread.
    void execute_task_async(const std::string& task_name, const Value& argument, ComputeOptions options,
                            Completion<Value> done) const;

    ClusterState cluster_state() const;
    void set_cluster_state(ClusterState state) const;
    bool wal_enabled(const std::string& cache_name) const;
    bool set_wal_enabled(const std::string& cache_name, bool enabled) const;

    const ClientConfiguration& configuration() const noexcept { return config_; }
    // What the handshake with the default node negotiated.
    ProtocolVersion protocol_version() const;
    // The protocol features the server announced (protocol 1.7 bitmask), ascending.
    std::vector<Feature> features() const;
    bool has_feature(Feature feature) const;
    // The nodes this client has live connections to.
    std::vector<NodeInfo> nodes() const;
    RoutingStats routing_stats() const;

private:
    Cache create_by_name(OpCode op, const std::string& name) const;
    Cache create_by_config(OpCode op, const CacheConfiguration& config) const;
    detail::ClientState& state() const;

    ClientConfiguration config_;
    std::shared_ptr<detail::ClientState> state_;
};

}  // namespace kindling::kvapi
