#pragma once
// kindling::kvapi::Client — the C++ counterpart of the Python thin client's `Client`.
//
//   kindling::kvapi::Client client;
//   client.connect({{"10.0.0.1", 10800}, {"10.0.0.2", 10800}});
//   auto cache = client.get_or_create_cache("my_cache");
//   cache.put(1, std::string("one"));
#include <chrono>
#include <future>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kindling/kvapi/async_cache.hpp"
#include "kindling/kvapi/cache.hpp"
#include "kindling/kvapi/sql.hpp"
#include "kindling/kvapi/transaction.hpp"
#include "kindling/net/client_options.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/protocol/binary_object.hpp"

namespace kindling::kvapi {

using net::Endpoint;
using protocol::BinaryObjectBuilder;
using protocol::BinaryObjectReader;
using protocol::BinaryTypeMetadata;
using net::TlsMode;
using net::TlsOptions;

struct ClientConfiguration {
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds request_timeout{0};  // 0: none
    bool partition_awareness = true;
    TlsOptions tls;                  // the document's SSL table: use_ssl -> mode, ssl_keyfile -> key_file, ...
    std::string username;            // credentials turn TLS on unless tls.mode is Disabled
    std::string password;
    net::EventHandler on_event;
    net::RetryPolicy retry = net::RetryPolicy::None;  // the document's failover contract (client_options.hpp)
    bool discover_nodes = true;      // learn the other nodes' addresses from the cluster
    // Defaults for transactions that do not say otherwise (the document's "Transaction Configuration").
    TxConcurrency default_tx_concurrency = TxConcurrency::Pessimistic;
    TxIsolation default_tx_isolation = TxIsolation::RepeatableRead;
    std::chrono::milliseconds default_tx_timeout{0};
};

enum class ClusterState : std::int8_t { Inactive = 0, Active = 1, ActiveReadOnly = 2 };

struct ComputeOptions {
    std::chrono::milliseconds timeout{0};  // 0: none (the server enforces it)
    bool no_failover = false;              // do not retry the task's jobs on other nodes
    bool no_result_cache = false;
};

class Client {
public:
    Client() = default;
    explicit Client(ClientConfiguration config) : config_(std::move(config)) {}
    Client(Client&&) noexcept = default;
    Client& operator=(Client&&) noexcept = default;
    ~Client();

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
    std::future<Value> execute_task_async(const std::string& task_name, const Value& argument = Value{},
                                          ComputeOptions options = {}) const;

    ClusterState cluster_state() const;
    void set_cluster_state(ClusterState state) const;
    bool wal_enabled(const std::string& cache_name) const;
    bool set_wal_enabled(const std::string& cache_name, bool enabled) const;

    const ClientConfiguration& configuration() const noexcept { return config_; }
    // Where requests went: keyed requests sent to their primary vs elsewhere, and per node.
    net::RoutingStats routing_stats() const;

private:
    Cache create_by_name(OpCode op, const std::string& name) const;
    Cache create_by_config(OpCode op, const CacheConfiguration& config) const;
    detail::ClientState& state() const;

    ClientConfiguration config_;
    std::shared_ptr<detail::ClientState> state_;
};

}  // namespace kindling::kvapi
