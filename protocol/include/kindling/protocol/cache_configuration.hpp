#pragma once
// Cache configuration (facts §5): every property of the thin-client protocol, the create request
// (code/value pairs, ops 1053/1054) and the fixed-order reply of OP_CACHE_GET_CONFIGURATION (1055).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/protocol_context.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

enum class CacheMode : std::int32_t { Replicated = 1, Partitioned = 2 };
enum class CacheAtomicityMode : std::int32_t { Transactional = 0, Atomic = 1 };
enum class WriteSynchronizationMode : std::int32_t { FullSync = 0, FullAsync = 1, PrimarySync = 2 };
enum class RebalanceMode : std::int32_t { Sync = 0, Async = 1, None = 2 };
enum class PartitionLossPolicy : std::int32_t {
    ReadOnlySafe = 0, ReadOnlyAll = 1, ReadWriteSafe = 2, ReadWriteAll = 3, Ignore = 4,
};
enum class QueryIndexType : std::int8_t { Sorted = 0, FullText = 1, Geospatial = 2 };

struct QueryField {
    std::string name;
    std::string type_name;  // Java class name, e.g. java.lang.Integer
    bool is_key_field = false;
    bool not_null = false;
    Value default_value;    // Null: none
    std::int32_t precision = -1;
    std::int32_t scale = -1;
    bool operator==(const QueryField&) const = default;
};

struct QueryIndexField {
    std::string name;
    bool descending = false;
    bool operator==(const QueryIndexField&) const = default;
};

struct QueryIndex {
    std::string name;
    QueryIndexType type = QueryIndexType::Sorted;
    std::int32_t inline_size = -1;
    std::vector<QueryIndexField> fields;
    bool operator==(const QueryIndex&) const = default;
};

struct FieldAlias {
    std::string field_name;
    std::string alias;
    bool operator==(const FieldAlias&) const = default;
};

struct QueryEntity {
    std::string key_type_name;
    std::string value_type_name;
    std::string table_name;
    std::string key_field_name;
    std::string value_field_name;
    std::vector<QueryField> fields;
    std::vector<FieldAlias> aliases;
    std::vector<QueryIndex> indexes;
    bool operator==(const QueryEntity&) const = default;
};

struct CacheKeyConfiguration {
    std::string type_name;
    std::string affinity_key_field_name;
    bool operator==(const CacheKeyConfiguration&) const = default;
};

// Every property is optional: unset ones are not sent and take the server's default. A
// configuration read back from the server has every property set.
struct CacheConfiguration {
    std::string name;
    std::optional<CacheMode> cache_mode;
    std::optional<CacheAtomicityMode> atomicity_mode;
    std::optional<std::int32_t> backups;
    std::optional<WriteSynchronizationMode> write_synchronization_mode;
    std::optional<bool> copy_on_read;
    std::optional<bool> read_from_backup;
    std::optional<std::string> data_region_name;
    std::optional<bool> onheap_cache_enabled;
    std::optional<std::vector<QueryEntity>> query_entities;
    std::optional<std::int32_t> query_parallelism;
    std::optional<std::int32_t> query_detail_metrics_size;
    std::optional<std::string> sql_schema;
    std::optional<std::int32_t> sql_index_max_inline_size;
    std::optional<bool> sql_escape_all;
    std::optional<std::int32_t> max_query_iterators;
    std::optional<RebalanceMode> rebalance_mode;
    std::optional<std::int64_t> rebalance_delay_ms;
    std::optional<std::int64_t> rebalance_timeout_ms;
    std::optional<std::int32_t> rebalance_batch_size;
    std::optional<std::int64_t> rebalance_batches_prefetch_count;
    std::optional<std::int32_t> rebalance_order;
    std::optional<std::int64_t> rebalance_throttle_ms;
    std::optional<std::string> group_name;
    std::optional<std::vector<CacheKeyConfiguration>> key_configuration;
    std::optional<std::int64_t> default_lock_timeout_ms;
    std::optional<std::int32_t> max_concurrent_async_operations;
    std::optional<PartitionLossPolicy> partition_loss_policy;
    std::optional<bool> eager_ttl;
    std::optional<bool> statistics_enabled;
    std::optional<ExpiryPolicy> expiry_policy;  // 1.6.0+; nullopt inside a read-back: none

    bool operator==(const CacheConfiguration&) const = default;

    // Request payload of OP_CACHE_CREATE_WITH_CONFIGURATION / GET_OR_CREATE_WITH_CONFIGURATION.
    void encode(ByteWriter& w, const ProtocolContext& ctx) const;
    // Reply payload of OP_CACHE_GET_CONFIGURATION.
    static CacheConfiguration decode(ByteReader& r, const ProtocolContext& ctx);
};

}  // namespace kindling::protocol
