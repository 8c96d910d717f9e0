#include "kindling/protocol/cache_configuration.hpp"

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

namespace {

// Property codes (ClientCacheConfigurationSerializer). The server has no default branch for an
// unknown code, so only these are ever sent.
enum Prop : std::int16_t {
    kName = 0, kCacheMode = 1, kAtomicityMode = 2, kBackups = 3, kWriteSyncMode = 4, kCopyOnRead = 5,
    kReadFromBackup = 6, kDataRegionName = 100, kOnheapCacheEnabled = 101, kQueryEntities = 200,
    kQueryParallelism = 201, kQueryDetailMetricsSize = 202, kSqlSchema = 203, kSqlIndexMaxInlineSize = 204,
    kSqlEscapeAll = 205, kMaxQueryIterators = 206, kRebalanceMode = 300, kRebalanceDelay = 301,
    kRebalanceTimeout = 302, kRebalanceBatchSize = 303, kRebalanceBatchesPrefetchCount = 304,
    kRebalanceOrder = 305, kRebalanceThrottle = 306, kGroupName = 400, kKeyConfiguration = 401,
    kDefaultLockTimeout = 402, kMaxConcurrentAsyncOperations = 403, kPartitionLossPolicy = 404,
    kEagerTtl = 405, kStatisticsEnabled = 406, kExpiryPolicy = 407,
};

void write_entity(ByteWriter& w, const QueryEntity& e, const ProtocolContext& ctx) {
    write_string(w, e.key_type_name);
    write_string(w, e.value_type_name);
    write_string(w, e.table_name);
    write_nullable_string(w, e.key_field_name.empty() ? std::nullopt : std::optional(e.key_field_name));
    write_nullable_string(w, e.value_field_name.empty() ? std::nullopt : std::optional(e.value_field_name));
    w.write_i32(static_cast<std::int32_t>(e.fields.size()));
    for (const auto& f : e.fields) {
        write_string(w, f.name);
        write_string(w, f.type_name);
        w.write_bool(f.is_key_field);
        w.write_bool(f.not_null);
        write_value(w, f.default_value);
        if (ctx.at_least(1, 2)) {
            w.write_i32(f.precision);
            w.write_i32(f.scale);
        }
    }
    w.write_i32(static_cast<std::int32_t>(e.aliases.size()));
    for (const auto& a : e.aliases) {
        write_string(w, a.field_name);
        write_string(w, a.alias);
    }
    w.write_i32(static_cast<std::int32_t>(e.indexes.size()));
    for (const auto& i : e.indexes) {
        write_string(w, i.name);
        w.write_i8(static_cast<std::int8_t>(i.type));
        w.write_i32(i.inline_size);
        w.write_i32(static_cast<std::int32_t>(i.fields.size()));
        for (const auto& f : i.fields) {
            write_string(w, f.name);
            w.write_bool(f.descending);
        }
    }
}

QueryEntity read_entity(ByteReader& r, const ProtocolContext& ctx) {
    QueryEntity e;
    e.key_type_name = read_string(r);
    e.value_type_name = read_string(r);
    e.table_name = read_string(r);
    e.key_field_name = read_string(r);
    e.value_field_name = read_string(r);
    auto nf = r.read_length(4);
    for (std::size_t i = 0; i < nf; ++i) {
        QueryField f;
        f.name = read_string(r);
        f.type_name = read_string(r);
        f.is_key_field = r.read_bool();
        f.not_null = r.read_bool();
        f.default_value = read_value(r);
        if (ctx.at_least(1, 2)) {
            f.precision = r.read_i32();
            f.scale = r.read_i32();
        }
        e.fields.push_back(std::move(f));
    }
    auto na = r.read_length(2);
    for (std::size_t i = 0; i < na; ++i) {
        FieldAlias a;
        a.field_name = read_string(r);
        a.alias = read_string(r);
        e.aliases.push_back(std::move(a));
    }
    auto ni = r.read_length(4);
    for (std::size_t i = 0; i < ni; ++i) {
        QueryIndex q;
        q.name = read_string(r);
        q.type = static_cast<QueryIndexType>(r.read_i8());
        q.inline_size = r.read_i32();
        auto n = r.read_length(2);
        for (std::size_t k = 0; k < n; ++k) {
            QueryIndexField f;
            f.name = read_string(r);
            f.descending = r.read_bool();
            q.fields.push_back(std::move(f));
        }
        e.indexes.push_back(std::move(q));
    }
    return e;
}

}  // namespace

void CacheConfiguration::encode(ByteWriter& w, const ProtocolContext& ctx) const {
    if (name.empty()) throw std::invalid_argument("a cache configuration needs a name");
    auto len_slot = w.reserve_i32();
    auto count_pos = w.size();
    w.write_i16(0);
    std::int16_t count = 0;
    auto prop = [&](Prop code) {
        w.write_i16(code);
        ++count;
    };
    prop(kName);
    write_string(w, name);
    auto i32 = [&](Prop code, const auto& opt) {
        if (opt) { prop(code); w.write_i32(static_cast<std::int32_t>(*opt)); }
    };
    auto i64 = [&](Prop code, const std::optional<std::int64_t>& opt) {
        if (opt) { prop(code); w.write_i64(*opt); }
    };
    auto boolean = [&](Prop code, const std::optional<bool>& opt) {
        if (opt) { prop(code); w.write_bool(*opt); }
    };
    auto str = [&](Prop code, const std::optional<std::string>& opt) {
        if (opt) { prop(code); write_string(w, *opt); }
    };
    i32(kCacheMode, cache_mode);
    i32(kAtomicityMode, atomicity_mode);
    i32(kBackups, backups);
    i32(kWriteSyncMode, write_synchronization_mode);
    boolean(kCopyOnRead, copy_on_read);
    boolean(kReadFromBackup, read_from_backup);
    str(kDataRegionName, data_region_name);
    boolean(kOnheapCacheEnabled, onheap_cache_enabled);
    if (query_entities) {
        prop(kQueryEntities);
        w.write_i32(static_cast<std::int32_t>(query_entities->size()));
        for (const auto& e : *query_entities) write_entity(w, e, ctx);
    }
    i32(kQueryParallelism, query_parallelism);
    i32(kQueryDetailMetricsSize, query_detail_metrics_size);
    str(kSqlSchema, sql_schema);
    i32(kSqlIndexMaxInlineSize, sql_index_max_inline_size);
    boolean(kSqlEscapeAll, sql_escape_all);
    i32(kMaxQueryIterators, max_query_iterators);
    i32(kRebalanceMode, rebalance_mode);
    i64(kRebalanceDelay, rebalance_delay_ms);
    i64(kRebalanceTimeout, rebalance_timeout_ms);
    i32(kRebalanceBatchSize, rebalance_batch_size);
    i64(kRebalanceBatchesPrefetchCount, rebalance_batches_prefetch_count);
    i32(kRebalanceOrder, rebalance_order);
    i64(kRebalanceThrottle, rebalance_throttle_ms);
    str(kGroupName, group_name);
    if (key_configuration) {
        prop(kKeyConfiguration);
        w.write_i32(static_cast<std::int32_t>(key_configuration->size()));
        for (const auto& k : *key_configuration) {
            write_string(w, k.type_name);
            write_string(w, k.affinity_key_field_name);
        }
    }
    i64(kDefaultLockTimeout, default_lock_timeout_ms);
    i32(kMaxConcurrentAsyncOperations, max_concurrent_async_operations);
    i32(kPartitionLossPolicy, partition_loss_policy);
    boolean(kEagerTtl, eager_ttl);
    boolean(kStatisticsEnabled, statistics_enabled);
    if (expiry_policy) {
        if (!ctx.at_least(1, 6)) throw UnsupportedError("a cache expiry policy needs protocol 1.6.0 or newer");
        prop(kExpiryPolicy);
        w.write_bool(true);
        w.write_i64(expiry_policy->create_ms);
        w.write_i64(expiry_policy->update_ms);
        w.write_i64(expiry_policy->access_ms);
    }
    auto& buf = w.buffer();
    buf[count_pos] = static_cast<std::uint8_t>(count & 0xFF);
    buf[count_pos + 1] = static_cast<std::uint8_t>((count >> 8) & 0xFF);
    w.patch_i32(len_slot, static_cast<std::int32_t>(w.size() - len_slot - 4));
}

CacheConfiguration CacheConfiguration::decode(ByteReader& r, const ProtocolContext& ctx) {
    CacheConfiguration c;
    r.read_i32();  // length
    c.atomicity_mode = static_cast<CacheAtomicityMode>(r.read_i32());
    c.backups = r.read_i32();
    c.cache_mode = static_cast<CacheMode>(r.read_i32());
    c.copy_on_read = r.read_bool();
    c.data_region_name = read_nullable_string(r);
    c.eager_ttl = r.read_bool();
    c.statistics_enabled = r.read_bool();
    c.group_name = read_nullable_string(r);
    c.default_lock_timeout_ms = r.read_i64();
    c.max_concurrent_async_operations = r.read_i32();
    c.max_query_iterators = r.read_i32();
    c.name = read_string(r);
    c.onheap_cache_enabled = r.read_bool();
    c.partition_loss_policy = static_cast<PartitionLossPolicy>(r.read_i32());
    c.query_detail_metrics_size = r.read_i32();
    c.query_parallelism = r.read_i32();
    c.read_from_backup = r.read_bool();
    c.rebalance_batch_size = r.read_i32();
    c.rebalance_batches_prefetch_count = r.read_i64();
    c.rebalance_delay_ms = r.read_i64();
    c.rebalance_mode = static_cast<RebalanceMode>(r.read_i32());
    c.rebalance_order = r.read_i32();
    c.rebalance_throttle_ms = r.read_i64();
    c.rebalance_timeout_ms = r.read_i64();
    c.sql_escape_all = r.read_bool();
    c.sql_index_max_inline_size = r.read_i32();
    c.sql_schema = read_nullable_string(r);
    c.write_synchronization_mode = static_cast<WriteSynchronizationMode>(r.read_i32());
    auto nk = r.read_length(2);
    c.key_configuration.emplace();
    for (std::size_t i = 0; i < nk; ++i) {
        CacheKeyConfiguration k;
        k.type_name = read_string(r);
        k.affinity_key_field_name = read_string(r);
        c.key_configuration->push_back(std::move(k));
    }
    auto ne = r.read_length(4);
    c.query_entities.emplace();
    for (std::size_t i = 0; i < ne; ++i) c.query_entities->push_back(read_entity(r, ctx));
    if (ctx.at_least(1, 6) && r.remaining() > 0 && r.read_bool()) {
        ExpiryPolicy e;
        e.create_ms = r.read_i64();
        e.update_ms = r.read_i64();
        e.access_ms = r.read_i64();
        c.expiry_policy = e;
    }
    return c;
}

}  // namespace kindling::protocol
