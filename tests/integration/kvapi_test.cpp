// kvapi against the real cluster: the reference document's scenarios with exact values.
#include <gtest/gtest.h>

#include <set>

#include "kindling/kvapi/client.hpp"
#include "kindling/protocol/errors.hpp"
#include "test_env.hpp"

using namespace kindling;
using namespace kindling::kvapi;

namespace {

class Kvapi : public ::testing::Test {
protected:
    void SetUp() override {
        client.connect(test::test_host(), test::main_port());
        name = std::string("kv_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
        try { client.get_cache(name).destroy(); } catch (const CacheNotFoundError&) {}
    }
    void TearDown() override {
        try { client.get_cache(name).destroy(); } catch (const Error&) {}
    }
    Client client;
    std::string name;
};

}  // namespace

TEST_F(Kvapi, PutAndGetAnIntAndAString) {
    auto cache = client.create_cache(name);
    cache.put(1, std::string("one"));
    cache.put(std::string("my key"), 42);
    EXPECT_EQ(cache.get<std::string>(1), "one");
    EXPECT_EQ(cache.get<std::int32_t>(std::string("my key")), 42);
    EXPECT_EQ(cache.get(std::string("non-existent key")), std::nullopt);
    auto all = cache.get_all<std::string>({std::string("my key"), std::string("non-existent key"), std::string("other-key")});
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all.begin()->first, "my key");
    EXPECT_EQ(all.begin()->second, Value(std::int32_t{42}));
}

TEST_F(Kvapi, TypeHintsMakeDistinctKeys) {
    auto cache = client.get_or_create_cache(name);
    cache.put("a", 1);
    cache.put(Char{u'a'}, 2);  // the document's key_hint=CharObject
    EXPECT_EQ(cache.get<std::int32_t>("a"), 1);
    EXPECT_EQ(cache.get<std::int32_t>(Char{u'a'}), 2);
    cache.put(std::int32_t{7}, std::string("int"));
    cache.put(std::int64_t{7}, std::string("long"));
    EXPECT_EQ(cache.get<std::string>(std::int32_t{7}), "int");
    EXPECT_EQ(cache.get<std::string>(std::int64_t{7}), "long");
    cache.remove_keys(std::vector<Value>{Value("a"), Value(Char{u'a'})});
    EXPECT_FALSE(cache.contains_key("a"));
    EXPECT_FALSE(cache.contains_key(Char{u'a'}));
    EXPECT_EQ(cache.get_size(), 2);
}

TEST_F(Kvapi, KeyValueOperationsFollowTheDocumentedSemantics) {
    auto cache = client.create_cache(name);
    EXPECT_FALSE(cache.replace(1, 10));
    EXPECT_FALSE(cache.contains_key(1));
    EXPECT_TRUE(cache.put_if_absent(1, 10));
    EXPECT_FALSE(cache.put_if_absent(1, 11));
    EXPECT_EQ(cache.get_and_put<std::int32_t>(1, 12), 10);
    EXPECT_EQ(cache.get_and_replace<std::int32_t>(1, 13), 12);
    EXPECT_TRUE(cache.replace_if_equals(1, 13, 14));
    EXPECT_FALSE(cache.replace_if_equals(1, 13, 15));
    EXPECT_EQ(cache.get_and_put_if_absent<std::int32_t>(1, 99), 14);
    EXPECT_FALSE(cache.remove_if_equals(1, 13));
    EXPECT_TRUE(cache.remove_if_equals(1, 14));
    cache.put_all(std::map<int, int>{{1, 1}, {2, 2}, {3, 3}});
    EXPECT_TRUE(cache.contains_keys(std::vector<int>{1, 2, 3}));
    EXPECT_EQ(cache.get_and_remove<std::int32_t>(2), 2);
    EXPECT_EQ(cache.get_and_remove<std::int32_t>(2), std::nullopt);
    EXPECT_TRUE(cache.remove_key(3));
    EXPECT_FALSE(cache.remove_key(3));
    cache.clear_key(1);
    EXPECT_EQ(cache.get_size(), 0);
    cache.put_all(std::map<int, int>{{1, 1}, {2, 2}});
    cache.remove_all();
    EXPECT_EQ(cache.get_size({PeekMode::All}), 0);
}

TEST_F(Kvapi, ErrorsAreSpecific) {
    EXPECT_THROW(client.get_cache("kv_no_such_cache").get(1), CacheNotFoundError);
    client.create_cache(name);
    EXPECT_THROW(client.create_cache(name), CacheExistsError);
    try {
        client.sql("SELEC 1");
        FAIL();
    } catch (const SqlError& e) {
        EXPECT_EQ(e.sqlstate(), "42000") << e.what();
    }
}

TEST_F(Kvapi, TransactionsCommitRollbackAndScopeExit) {
    CacheConfiguration cfg;
    cfg.name = name;
    cfg.atomicity_mode = protocol::CacheAtomicityMode::Transactional;
    auto cache = client.create_cache(cfg);
    for (auto c : {TxConcurrency::Optimistic, TxConcurrency::Pessimistic}) {
        for (auto i : {TxIsolation::ReadCommitted, TxIsolation::RepeatableRead, TxIsolation::Serializable}) {
            SCOPED_TRACE(std::to_string(int(c)) + "/" + std::to_string(int(i)));
            cache.put(1, std::string("before"));
            {
                auto tx = client.tx_start(c, i, std::chrono::milliseconds(5000), "tx-rollback");
                cache.put(1, std::string("rolled back"));
                tx.rollback();
            }
            EXPECT_EQ(cache.get<std::string>(1), "before");
            {
                auto tx = client.tx_start(c, i);
                cache.put(1, std::string("discarded"));
            }  // scope exit without commit
            EXPECT_EQ(cache.get<std::string>(1), "before");
            {
                auto tx = client.tx_start(c, i, std::chrono::milliseconds(5000), "tx-sync");
                cache.put(1, std::string("success"));
                tx.commit();
            }
            EXPECT_EQ(cache.get<std::string>(1), "success");
        }
    }
}

TEST_F(Kvapi, TransactionTimeoutNamesTheLabel) {
    CacheConfiguration cfg;
    cfg.name = name;
    cfg.atomicity_mode = protocol::CacheAtomicityMode::Transactional;
    auto cache = client.create_cache(cfg);
    auto tx = client.tx_start(TxConcurrency::Pessimistic, TxIsolation::ReadCommitted, std::chrono::milliseconds(200), "slow-tx");
    cache.put(1, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    try {
        cache.put(2, 2);
        tx.commit();
        FAIL() << "the transaction outlived its timeout";
    } catch (const TransactionError& e) {
        EXPECT_NE(std::string(e.what()).find("slow-tx"), std::string::npos) << e.what();
    }
}

TEST_F(Kvapi, ScanPagesReturnTheSameEntries) {
    auto cache = client.create_cache(name);
    std::map<std::string, int> data;
    for (int v = 0; v < 20; ++v) data["key_" + std::to_string(v)] = v;
    cache.put_all(data);
    for (int page : {1, 7, 1024}) {
        std::map<std::string, int> seen;
        for (const auto& [k, v] : cache.scan(ScanOptions{page})) seen[k.get<std::string>()] = v.get<std::int32_t>();
        EXPECT_EQ(seen, data) << "page size " << page;
    }
    // Early exit closes the server cursor: 200 abandoned scans must not exhaust the cursor limit.
    for (int i = 0; i < 200; ++i) {
        auto cur = cache.scan(ScanOptions{1});
        auto it = cur.begin();
        ASSERT_NE(it, cur.end());
    }
}

TEST_F(Kvapi, CityThroughSqlWithPaging) {
    client.sql("DROP TABLE IF EXISTS KvCity").all();
    client.sql("CREATE TABLE KvCity (ID INT(11), Name CHAR(35), CountryCode CHAR(3), District CHAR(20), Population INT(11),"
               " PRIMARY KEY (ID, CountryCode)) WITH \"affinityKey=CountryCode\"").all();
    const std::vector<std::tuple<int, std::string, std::string, std::string, int>> rows{
        {3793, "New York", "USA", "New York", 8008278}, {3794, "Los Angeles", "USA", "California", 3694820},
        {3795, "Chicago", "USA", "Illinois", 2896016}, {3796, "Houston", "USA", "Texas", 1953631},
        {3797, "Philadelphia", "USA", "Pennsylvania", 1517550}, {3798, "Phoenix", "USA", "Arizona", 1321045},
        {3799, "San Diego", "USA", "California", 1223400}, {3800, "Dallas", "USA", "Texas", 1188580}};
    for (const auto& [id, n, cc, d, p] : rows)
        client.sql("INSERT INTO KvCity(ID, Name, CountryCode, District, Population) VALUES (?, ?, ?, ?, ?)",
                   {id, n, cc, d, p}).all();
    for (int page : {1, 3, 1024}) {
        SqlOptions o;
        o.page_size = page;
        auto cur = client.sql("SELECT ID, Name, Population FROM KvCity ORDER BY ID", {}, o);
        EXPECT_EQ(cur.column_names(), (std::vector<std::string>{"ID", "NAME", "POPULATION"}));
        std::vector<int> ids;
        for (auto row : cur) ids.push_back(row.get<std::int32_t>(0));
        EXPECT_EQ(ids, (std::vector<int>{3793, 3794, 3795, 3796, 3797, 3798, 3799, 3800})) << "page " << page;
    }
    SqlOptions limited;
    limited.max_rows = 3;
    limited.page_size = 2;
    EXPECT_EQ(client.sql("SELECT ID FROM KvCity", {}, limited).all().size(), 3u);
    // Half-read cursors are closed when dropped: 200 of them stay under the server's 128 limit.
    for (int i = 0; i < 200; ++i) {
        SqlOptions o;
        o.page_size = 1;
        auto cur = client.sql("SELECT ID FROM KvCity", {}, o);
        ASSERT_NE(cur.begin(), cur.end());
    }
    auto big = client.sql("SELECT Name FROM KvCity WHERE Population > ? ORDER BY Population DESC", {2000000}).all();
    ASSERT_EQ(big.size(), 3u);
    EXPECT_EQ(big[0][0], Value("New York"));
    client.sql("DROP TABLE KvCity").all();
}

TEST_F(Kvapi, CacheConfigurationReadsBack) {
    CacheConfiguration cfg;
    cfg.name = name;
    cfg.cache_mode = protocol::CacheMode::Partitioned;
    cfg.atomicity_mode = protocol::CacheAtomicityMode::Transactional;
    cfg.backups = 2;
    cfg.write_synchronization_mode = protocol::WriteSynchronizationMode::FullSync;
    cfg.copy_on_read = false;
    cfg.read_from_backup = false;
    cfg.onheap_cache_enabled = true;
    cfg.query_parallelism = 2;
    cfg.query_detail_metrics_size = 7;
    cfg.sql_schema = "KV_SCHEMA";
    cfg.sql_index_max_inline_size = 20;
    cfg.sql_escape_all = true;
    cfg.max_query_iterators = 77;
    cfg.rebalance_mode = protocol::RebalanceMode::Sync;
    cfg.rebalance_delay_ms = 11;
    cfg.rebalance_timeout_ms = 12345;
    cfg.rebalance_batch_size = 4096;
    cfg.rebalance_batches_prefetch_count = 5;
    cfg.rebalance_order = 3;
    cfg.rebalance_throttle_ms = 9;
    cfg.group_name = "kv_group";
    cfg.key_configuration = std::vector<protocol::CacheKeyConfiguration>{{"PersonKey", "companyId"}};
    cfg.default_lock_timeout_ms = 3000;
    cfg.max_concurrent_async_operations = 300;
    cfg.partition_loss_policy = protocol::PartitionLossPolicy::ReadWriteSafe;
    cfg.eager_ttl = false;
    cfg.statistics_enabled = true;
    cfg.expiry_policy = ExpiryPolicy{std::chrono::seconds(60), std::chrono::seconds(30), ExpiryPolicy::unchanged};
    protocol::QueryEntity e;
    e.key_type_name = "java.lang.Integer";
    e.value_type_name = "Person";
    e.table_name = "PERSON";
    e.key_field_name = "ID";
    e.fields = {{"ID", "java.lang.Integer", true, true, Value{}, -1, -1},
                {"NAME", "java.lang.String", false, false, Value("n/a"), 50, -1},
                {"SALARY", "java.math.BigDecimal", false, false, Value{}, 10, 2}};
    e.aliases = {{"NAME", "FULL_NAME"}};
    e.indexes = {{"PERSON_NAME_IDX", protocol::QueryIndexType::Sorted, 10, {{"NAME", true}}}};
    cfg.query_entities = std::vector<protocol::QueryEntity>{e};
    auto cache = client.create_cache(cfg);
    auto back = cache.configuration();
    // The server adds an identity alias (FIELD -> FIELD) for every field it knows; ours must be there.
    auto& aliases = (*back.query_entities)[0].aliases;
    std::erase_if(aliases, [](const protocol::FieldAlias& a) { return a.field_name == a.alias; });
    EXPECT_EQ(back.name, cfg.name);
    EXPECT_EQ(back.backups, cfg.backups);
    EXPECT_EQ(back.query_entities, cfg.query_entities);
    EXPECT_EQ(back.key_configuration, cfg.key_configuration);
    EXPECT_EQ(back.expiry_policy, cfg.expiry_policy);
    EXPECT_EQ(back, cfg);

    // The Java thin client reads the same values: a property both sides dropped cannot pass.
    auto java = test::java_helper("--port " + std::to_string(test::main_port()) + " cache-config " + name);
    for (const char* line : {"atomicityMode=TRANSACTIONAL", "backups=2", "cacheMode=PARTITIONED", "copyOnRead=false",
                             "defaultLockTimeout=3000", "eagerTtl=false", "expiryCreate=60000 MILLISECONDS", "groupName=kv_group",
                             "keyConfiguration=PersonKey:companyId;", "maxConcurrentAsyncOperations=300",
                             "maxQueryIteratorsCount=77", "onheapCacheEnabled=true", "partitionLossPolicy=READ_WRITE_SAFE",
                             "queryDetailMetricsSize=7", "queryParallelism=2", "readFromBackup=false",
                             "rebalanceBatchSize=4096", "rebalanceBatchesPrefetchCount=5", "rebalanceDelay=11", "rebalanceMode=SYNC",
                             "rebalanceOrder=3", "rebalanceThrottle=9", "rebalanceTimeout=12345", "sqlEscapeAll=true",
                             "sqlIndexMaxInlineSize=20", "sqlSchema=KV_SCHEMA", "statisticsEnabled=true",
                             "writeSynchronizationMode=FULL_SYNC"})
        EXPECT_NE(java.find(std::string(line) + "\n"), std::string::npos) << "Java sees no '" << line << "' in:\n" << java;
    EXPECT_NE(java.find("queryEntities=PERSON(ID java.lang.Integer,NAME java.lang.String,SALARY java.math.BigDecimal, indexes 1)"),
              std::string::npos) << java;
}

TEST_F(Kvapi, AsyncOperationsPipelineOnOneConnection) {
    auto cache = client.create_cache(name);
    std::vector<std::future<void>> puts;
    for (int i = 0; i < 1000; ++i) puts.push_back(cache.put_async(i, "v" + std::to_string(i)));
    for (auto& f : puts) f.get();
    std::vector<std::future<std::optional<std::string>>> gets;
    for (int i = 0; i < 1000; ++i) gets.push_back(cache.get_async<std::string>(i));
    for (int i = 0; i < 1000; ++i) EXPECT_EQ(gets[static_cast<std::size_t>(i)].get(), "v" + std::to_string(i));
    EXPECT_EQ(cache.get_async<std::string>(5000).get(), std::nullopt);
    // A failure arrives through the future as the same typed error.
    auto missing = client.get_cache("kv_no_such_cache_async").get_async(1);
    EXPECT_THROW(missing.get(), CacheNotFoundError);
}

// Every key-value operation as a future, pipelined: 1000 requests are on the wire before the first
// answer is read, the results are exact, and async writes inside a transaction join it.
TEST_F(Kvapi, AsyncVariantsOfEveryOperationPipeline) {
    CacheConfiguration cfg;
    cfg.name = name;
    cfg.atomicity_mode = protocol::CacheAtomicityMode::Transactional;
    auto cache = client.create_cache(cfg);
    auto async = cache.async();
    std::vector<std::future<bool>> inserted;
    for (int i = 0; i < 1000; ++i) inserted.push_back(async.put_if_absent(i, i * i));
    for (auto& f : inserted) EXPECT_TRUE(f.get());
    EXPECT_FALSE(async.put_if_absent(7, 0).get());
    EXPECT_EQ(async.get_size().get(), 1000);
    EXPECT_EQ(async.get<int>(12).get(), 144);
    EXPECT_EQ(async.get<int>(5000).get(), std::nullopt);
    EXPECT_TRUE(async.contains_key(999).get());
    EXPECT_TRUE(async.contains_keys(std::vector<int>{1, 2, 3}).get());
    EXPECT_EQ(async.get_and_put<int>(1, 11).get(), 1);
    EXPECT_EQ(async.get_and_replace<int>(1, 111).get(), 11);
    EXPECT_EQ(async.get_and_remove<int>(1).get(), 111);
    EXPECT_EQ(async.get_and_put_if_absent<int>(1, 5).get(), std::nullopt);
    EXPECT_TRUE(async.replace(1, 6).get());
    EXPECT_FALSE(async.replace_if_equals(1, 5, 7).get());
    EXPECT_TRUE(async.replace_if_equals(1, 6, 7).get());
    EXPECT_FALSE(async.remove_if_equals(1, 6).get());
    EXPECT_TRUE(async.remove_if_equals(1, 7).get());
    EXPECT_TRUE(async.remove_key(2).get());
    EXPECT_FALSE(async.remove_key(2).get());
    async.put_all(std::map<int, int>{{2, 4}, {3, 9}}).get();
    auto some = async.get_all<int, int>(std::vector<int>{2, 3, 4000}).get();
    EXPECT_EQ(some, (std::map<int, int>{{2, 4}, {3, 9}}));
    async.remove_keys(std::vector<int>{2, 3}).get();
    async.clear_key(4).get();
    async.clear_keys(std::vector<int>{5, 6}).get();
    EXPECT_EQ(async.get_size().get(), 994);
    {
        auto tx = client.tx_start(TxConcurrency::Pessimistic, TxIsolation::ReadCommitted);
        async.put(10, -1).get();
        EXPECT_EQ(async.get<int>(10).get(), -1);
    }  // rolled back: the async put was part of the transaction
    EXPECT_EQ(cache.get<int>(10), 100);
    async.remove_all().get();
    EXPECT_EQ(async.get_size().get(), 0);
    async.put(1, 1).get();
    async.clear().get();
    EXPECT_EQ(cache.get_size(), 0);
    // A failed operation's error comes out of get().
    EXPECT_THROW(client.get_cache("no_such_cache_async").async().get<int>(1).get(), CacheError);
}
