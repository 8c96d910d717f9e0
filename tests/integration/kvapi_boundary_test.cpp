// kvapi's boundary against the real cluster: transactions bound per client and per thread, errors
// that keep their type, owning rows, widening reads, Value as a hash key, put_all over any range,
// chrono expiry, concise server errors, validation before anything is sent, what a Client tells
// about the cluster, asynchronous operations that are real futures and callbacks, Asio tokens.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include "kindling/kvapi/asio.hpp"
#include "kindling/kvapi/client.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/server_error.hpp"
#include "test_env.hpp"

using namespace kindling;
using namespace kindling::kvapi;
using namespace std::chrono_literals;

namespace {

std::vector<Endpoint> all_nodes() {
    std::vector<Endpoint> eps;
    for (int i = 0; i < test::main_nodes(); ++i) eps.push_back({test::test_host(), static_cast<std::uint16_t>(test::main_port() + i), 0});
    return eps;
}

// Counts the requests a client puts on the wire, by op code.
struct Sent {
    std::mutex mu;
    std::vector<OpCode> ops;
    EventHandler handler() {
        return [this](const Event& e) {
            if (e.kind != Event::Kind::QueryStarted) return;
            std::lock_guard lock(mu);
            ops.push_back(e.op);
        };
    }
    std::size_t count() {
        std::lock_guard lock(mu);
        return ops.size();
    }
};

class KvapiBoundary : public ::testing::Test {
protected:
    void SetUp() override {
        ClientConfiguration conf;
        conf.on_event = sent.handler();
        client = Client(conf);
        client.connect(test::test_host(), test::main_port());
        name = std::string("kvb_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
        try { client.get_cache(name).destroy(); } catch (const CacheNotFoundError&) {}
    }
    void TearDown() override {
        try { client.get_cache(name).destroy(); } catch (const Error&) {}
    }
    Cache transactional() {
        CacheConfiguration cfg;
        cfg.name = name;
        cfg.atomicity_mode = CacheAtomicityMode::Transactional;  // the enum is in kindling::kvapi
        cfg.cache_mode = CacheMode::Replicated;
        // A read may be served by a backup (readFromBackup): with PRIMARY_SYNC it can miss a write
        // committed a moment ago on the primary.
        cfg.write_synchronization_mode = WriteSynchronizationMode::FullSync;
        return client.create_cache(cfg);
    }
    Sent sent;
    Client client;
    std::string name;
};

}  // namespace

// --- transactions -------------------------------------------------------------------------------

TEST_F(KvapiBoundary, TransactionsAreBoundPerClientAndPerThread) {
    auto cache = transactional();
    Client other;
    other.connect(test::test_host(), test::main_port());
    auto other_cache = other.get_cache(name);

    auto tx_a = client.tx_start(TxConcurrency::Optimistic, TxIsolation::ReadCommitted, 5s, "tx-a");
    auto tx_b = other.tx_start(TxConcurrency::Optimistic, TxIsolation::ReadCommitted, 5s, "tx-b");  // does not drop tx-a
    cache.put(1, std::string("a"));        // joins tx-a
    other_cache.put(2, std::string("b"));  // joins tx-b
    // Another thread's operation on the same client runs outside tx-a.
    std::thread([&] { cache.put(3, std::string("outside")); }).join();
    tx_a.rollback();
    tx_b.commit();
    EXPECT_EQ(cache.get<std::string>(1), std::nullopt) << "tx-a's write survived its rollback";
    EXPECT_EQ(cache.get<std::string>(2), "b") << "tx-b's write was lost";
    EXPECT_EQ(cache.get<std::string>(3), "outside") << "the other thread's write joined tx-a";

    // One open transaction per client and thread; a second client is independent.
    auto again = client.tx_start();
    EXPECT_THROW(client.tx_start(), UsageError);
    auto independent = other.tx_start();
    again.rollback();
    independent.rollback();
}

TEST_F(KvapiBoundary, ATransactionEndedOnAnotherThreadLeavesNoSilentBinding) {
    auto cache = transactional();
    std::optional<Transaction> tx = client.tx_start(TxConcurrency::Pessimistic, TxIsolation::RepeatableRead, 5s, "moved");
    cache.put(1, std::string("in tx"));
    std::thread([&] {
        try {
            tx->commit();
            ADD_FAILURE() << "commit on a thread that did not start the transaction";
        } catch (const UsageError& e) {
            EXPECT_NE(std::string(e.what()).find("moved"), std::string::npos) << e.what();
        }
        EXPECT_TRUE(tx->active()) << "a refused commit ended the transaction";
        tx->rollback();  // allowed from any thread
        EXPECT_FALSE(tx->active());
    }).join();
    // The starting thread is told, instead of silently running outside the transaction.
    try {
        cache.put(2, std::string("after"));
        FAIL() << "an operation ran silently outside the transaction another thread ended";
    } catch (const TransactionError& e) {
        EXPECT_NE(std::string(e.what()).find("another thread"), std::string::npos) << e.what();
    }
    EXPECT_THROW(cache.async().get<std::string>(1).get(), TransactionError);
    tx.reset();  // the object is gone: the binding with it
    EXPECT_EQ(cache.get<std::string>(1), std::nullopt);
    cache.put(2, std::string("after"));
    EXPECT_EQ(cache.get<std::string>(2), "after");
    // A new transaction on the same thread works.
    {
        auto next = client.tx_start();
        cache.put(3, 3);
        next.commit();
    }
    EXPECT_EQ(cache.get<int>(3), 3);
}

TEST_F(KvapiBoundary, ErrorsKeepTheirTypeInsideATransaction) {
    auto cache = transactional();
    auto tx = client.tx_start(TxConcurrency::Pessimistic, TxIsolation::ReadCommitted, 5s, "typed-errors");
    try {
        client.get_cache("kvb_no_such_cache").put(1, 1);
        FAIL() << "a put to a missing cache succeeded";
    } catch (const CacheNotFoundError& e) {
        EXPECT_NE(std::string(e.what()).find("typed-errors"), std::string::npos) << e.what();
        EXPECT_EQ(e.server_status(), status::cache_does_not_exist);
    }
    EXPECT_THROW(client.get_cache("kvb_no_such_cache").async().get<int>(1).get(), CacheNotFoundError);
    tx.rollback();
}

TEST_F(KvapiBoundary, ANegativeTransactionTimeoutIsRejectedBeforeAnythingIsSent) {
    auto cache = transactional();
    auto before = sent.count();
    try {
        client.tx_start(TxOptions{.timeout = -1ms, .label = "negative"});
        FAIL() << "a negative timeout was accepted";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("negative"), std::string::npos) << e.what();
    }
    EXPECT_EQ(sent.count(), before) << "a request went out before the timeout was checked";
    auto tx = client.tx_start(TxOptions{.timeout = 0ms});  // 0: no timeout
    EXPECT_TRUE(tx.active());
}

// --- input validation -----------------------------------------------------------------------------

TEST_F(KvapiBoundary, ArgumentsThatCannotBeRightAreUsageErrorsBeforeAnythingIsSent) {
    auto cache = client.create_cache(name);
    auto before = sent.count();
    EXPECT_THROW(client.get_cache(""), UsageError);
    EXPECT_THROW(client.create_cache(""), UsageError);
    EXPECT_THROW(client.get_or_create_cache(CacheConfiguration{}), UsageError);
    EXPECT_THROW(client.wal_enabled(""), UsageError);
    EXPECT_THROW(client.sql(""), UsageError);
    EXPECT_THROW(client.sql("SELECT 1", {}, SqlOptions{.page_size = 0}), UsageError);
    EXPECT_THROW(client.sql("SELECT 1", {}, SqlOptions{.timeout = -5ms}), UsageError);
    EXPECT_THROW(client.sql("SELECT 1", {}, SqlOptions{.max_rows = -1}), UsageError);
    EXPECT_THROW(cache.scan(ScanOptions{.page_size = 0}), UsageError);
    EXPECT_THROW(client.execute_task(""), UsageError);
    EXPECT_THROW(client.execute_task("io.kindling.cluster.WordLengthTask", Value("a"), ComputeOptions{.timeout = -1ms}), UsageError);
    EXPECT_THROW(cache.with_expiry(ExpiryPolicy{.create = -5ms}), UsageError);
    EXPECT_THROW(cache.continuous_query([](const std::vector<CacheEntryEvent>&) {}, ContinuousQueryOptions{.page_size = 0}), UsageError);
    EXPECT_EQ(sent.count(), before);

    // A configuration with a negative timeout is refused before connecting.
    Client bad(ClientConfiguration{.request_timeout = -1ms});
    EXPECT_THROW(bad.connect(test::test_host(), test::main_port()), UsageError);
    EXPECT_FALSE(bad.connected());
}

TEST_F(KvapiBoundary, ASecondConnectIsRefusedAndEarlierHandlesKeepWorking) {
    auto cache = client.create_cache(name);
    cache.put(1, 1);
    try {
        client.connect(test::test_host(), test::main_port());
        FAIL() << "connect() on a connected client succeeded";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("already connected"), std::string::npos) << e.what();
    }
    EXPECT_EQ(cache.get<int>(1), 1);
    cache.put(2, 2);
    EXPECT_EQ(client.get_cache(name).get<int>(2), 2);
}

TEST(KvapiConnect, TheHandshakeHasItsOwnTimeout) {
    // A listener on loopback that accepts TCP and never answers the Ignite handshake.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(fd, 4), 0);
    socklen_t len = sizeof addr;
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    auto port = ntohs(addr.sin_port);

    Client client(ClientConfiguration{.connect_timeout = 20s, .handshake_timeout = 300ms, .discover_nodes = false});
    auto start = std::chrono::steady_clock::now();
    EXPECT_THROW(client.connect("127.0.0.1", port), Error);
    auto took = std::chrono::steady_clock::now() - start;
    EXPECT_LT(took, 5s) << "the handshake waited for connect_timeout instead of handshake_timeout";
    EXPECT_FALSE(client.connected());
    ::close(fd);
}

// --- rows and entries ------------------------------------------------------------------------------

TEST_F(KvapiBoundary, SqlRowsAndScanEntriesCanBeKeptPastTheirPage) {
    client.sql("DROP TABLE IF EXISTS KvbRows").all();
    client.sql("CREATE TABLE KvbRows (ID INT PRIMARY KEY, NAME VARCHAR)").all();
    for (int i = 1; i <= 5; ++i) client.sql("INSERT INTO KvbRows (ID, NAME) VALUES (?, ?)", {i, "n" + std::to_string(i)}).all();
    std::vector<SqlRow> kept;
    {
        auto cur = client.sql("SELECT ID, NAME FROM KvbRows ORDER BY ID", {}, SqlOptions{.page_size = 2});
        for (const auto& row : cur) kept.push_back(row);  // every page replaces the one before
    }
    ASSERT_EQ(kept.size(), 5u);
    for (int i = 1; i <= 5; ++i) {
        const SqlRow copy = kept[static_cast<std::size_t>(i - 1)];
        EXPECT_EQ(copy.get<std::int32_t>(0), i);
        EXPECT_EQ(copy.get<std::string>(1), "n" + std::to_string(i));
    }
    auto all = client.sql("SELECT NAME FROM KvbRows ORDER BY ID", {}, SqlOptions{.page_size = 1}).all();
    ASSERT_EQ(all.size(), 5u);
    EXPECT_EQ(all[4][0], Value("n5"));
    client.sql("DROP TABLE KvbRows").all();

    auto cache = client.create_cache(name);
    for (int i = 0; i < 10; ++i) cache.put(i, i * 10);
    std::vector<ScanCursor::Entry> entries;
    for (const auto& e : cache.scan(ScanOptions{.page_size = 3})) entries.push_back(e);
    ASSERT_EQ(entries.size(), 10u);
    std::map<int, int> seen;
    for (const auto& [k, v] : entries) seen[k.get<std::int32_t>()] = v.get<std::int32_t>();
    EXPECT_EQ(seen.size(), 10u);
    EXPECT_EQ(seen[7], 70);
}

// --- reading and writing values ------------------------------------------------------------------

TEST_F(KvapiBoundary, ReadsWidenLosslesslyAndNeverNarrow) {
    auto cache = client.create_cache(name);
    cache.put(1, std::int32_t{7});
    cache.put(2, 1.5f);
    cache.put(3, std::int64_t{1} << 40);
    cache.put(4, 0.1);
    cache.put(5, std::int16_t{-3});
    EXPECT_EQ(cache.get<std::int64_t>(1), 7);
    EXPECT_EQ(cache.get<double>(1), 7.0);
    EXPECT_EQ(cache.get<double>(2), 1.5);
    EXPECT_EQ(cache.get<std::int32_t>(5), -3);
    EXPECT_EQ(cache.get<float>(5), -3.0f);
    try {
        cache.get<std::int32_t>(3);
        FAIL() << "a Long was narrowed to an int";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("narrowing"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("get<std::int64_t>"), std::string::npos) << e.what();
    }
    EXPECT_THROW(cache.get<float>(4), Error);          // a Double is not a float
    EXPECT_THROW(cache.get<double>(3), Error);         // 2^40 fits, but a Long does not always
    EXPECT_THROW(cache.get<std::string>(1), Error);    // no conversions between kinds
    auto rows = client.sql("SELECT CAST(5 AS BIGINT), CAST(2 AS SMALLINT)").all();
    EXPECT_EQ(rows.at(0).get<std::int64_t>(1), 2);     // widening applies to SQL cells too
    EXPECT_THROW(rows.at(0).get<std::int32_t>(0), Error);
}

TEST_F(KvapiBoundary, ValuesOfMixedTypesKeyAnUnorderedMap) {
    auto cache = client.create_cache(name);
    cache.put(std::int32_t{1}, std::string("int"));
    cache.put(std::int64_t{1}, std::string("long"));
    cache.put(std::string("1"), std::string("string"));
    cache.put(Char{u'1'}, std::string("char"));
    std::unordered_map<Value, Value> all =
        cache.get_all<Value, Value>({Value(std::int32_t{1}), Value(std::int64_t{1}), Value("1"), Value(Char{u'1'}), Value("absent")});
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all.at(Value(std::int64_t{1})), Value("long"));
    EXPECT_EQ(all.at(Value(Char{u'1'})), Value("char"));
    EXPECT_EQ(all.count(Value("absent")), 0u);

    // A HashMap's entry order is an accident of hashing: equality and hash ignore it.
    Map forward{MapKind::HashMap, {{Value(1), Value("a")}, {Value(2), Value("b")}, {Value(3), Value("c")}}};
    Map backward{MapKind::HashMap, {{Value(3), Value("c")}, {Value(2), Value("b")}, {Value(1), Value("a")}}};
    cache.put(10, Value(forward));
    auto back = cache.get(10);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, Value(backward));
    EXPECT_EQ(std::hash<Value>{}(*back), std::hash<Value>{}(Value(backward)));
    Map different{MapKind::HashMap, {{Value(1), Value("a")}, {Value(2), Value("b")}, {Value(3), Value("x")}}};
    EXPECT_NE(*back, Value(different));
    EXPECT_EQ(Value(std::nan("")), Value(std::nan("")));  // as Double.equals: a key can be NaN
    EXPECT_NE(Value(0.0), Value(-0.0));
    EXPECT_NE(Value(std::int32_t{1}), Value(std::int64_t{1}));
}

TEST_F(KvapiBoundary, PutAllTakesAnyRangeOfPairs) {
    auto cache = client.create_cache(name);
    cache.put_all(std::map<int, std::string>{{1, "one"}, {2, "two"}});
    cache.put_all(std::unordered_map<int, std::string>{{3, "three"}});
    cache.put_all(std::vector<std::pair<int, std::string>>{{4, "four"}, {5, "five"}});
    cache.async().put_all(std::vector<std::pair<Value, Value>>{{Value(6), Value("six")}}).get();
    auto got = cache.get_all<int, std::string>({1, 2, 3, 4, 5, 6});
    EXPECT_EQ(got, (std::map<int, std::string>{{1, "one"}, {2, "two"}, {3, "three"}, {4, "four"}, {5, "five"}, {6, "six"}}));
}

TEST_F(KvapiBoundary, ExpiryPoliciesTakeChronoDurations) {
    auto cache = client.create_cache(name);
    auto short_lived = cache.with_expiry(ExpiryPolicy{.create = 300ms});
    auto eternal = cache.with_expiry(ExpiryPolicy{.create = ExpiryPolicy::eternal});
    short_lived.put(1, 1);
    eternal.put(2, 2);
    cache.put(3, 3);
    EXPECT_EQ(cache.get<int>(1), 1);
    std::this_thread::sleep_for(1500ms);
    EXPECT_EQ(cache.get<int>(1), std::nullopt) << "the entry outlived its 300 ms";
    EXPECT_EQ(cache.get<int>(2), 2);
    EXPECT_EQ(cache.get<int>(3), 3);
    EXPECT_EQ(ExpiryPolicy{}.to_protocol(), (protocol::ExpiryPolicy{-2, -2, -2}));
    EXPECT_EQ((ExpiryPolicy{.create = std::chrono::minutes(1), .access = ExpiryPolicy::eternal}.to_protocol()),
              (protocol::ExpiryPolicy{60000, -2, -1}));
}

// --- errors ------------------------------------------------------------------------------------------

TEST_F(KvapiBoundary, ServerErrorsAreConciseWithTheFullTextKept) {
    // H2 repeats the statement in its message: a long statement makes a long server text.
    std::string column(4000, 'x');
    try {
        client.sql("SELECT " + column + " FROM kvb_no_such_table").all();
        FAIL() << "a query of a missing table succeeded";
    } catch (const SqlError& e) {
        EXPECT_LE(std::string(e.what()).size(), 1100u) << e.what();
        EXPECT_GT(e.server_message().size(), std::string(e.what()).size());
        EXPECT_NE(e.server_message().find(column), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("more characters"), std::string::npos) << e.what();
        EXPECT_FALSE(e.sqlstate().empty()) << e.server_message();
    }
    // What Ignite appends with sendServerExceptionStackTraceToClient is cut from what().
    auto text = std::string("Failed to run the task: boom\n\tat org.apache.ignite.Foo.bar(Foo.java:10)\n\tat java.lang.Thread.run(Thread.java:750)");
    EXPECT_EQ(protocol::concise_server_message(text), "Failed to run the task: boom");
    try {
        protocol::throw_server_error(OpCode::CacheGet, status::failed, text);
    } catch (const CacheError& e) {
        EXPECT_STREQ(e.what(), "Failed to run the task: boom");
        EXPECT_EQ(e.server_message(), text);
    }
    UsageError local("on the client");
    EXPECT_EQ(local.server_message(), "on the client");
}

// --- what a Client tells about the cluster --------------------------------------------------------------

TEST(KvapiClusterInfo, ProtocolVersionFeaturesAndNodes) {
    Client client;
    client.connect(all_nodes());
    EXPECT_GE(client.protocol_version(), (ProtocolVersion{1, 7, 0}));
    auto features = client.features();
    EXPECT_FALSE(features.empty());
    EXPECT_TRUE(client.has_feature(Feature::ClusterStates));  // Ignite 2.17 has it
    EXPECT_NE(std::find(features.begin(), features.end(), Feature::ClusterStates), features.end());
    std::vector<NodeInfo> nodes;
    for (int i = 0; i < 100 && nodes.size() < static_cast<std::size_t>(test::main_nodes()); ++i) {
        nodes = client.nodes();
        if (nodes.size() < static_cast<std::size_t>(test::main_nodes())) std::this_thread::sleep_for(100ms);
    }
    ASSERT_EQ(nodes.size(), static_cast<std::size_t>(test::main_nodes()));
    std::set<std::string> ids, endpoints;
    for (const auto& n : nodes) {
        ASSERT_TRUE(n.id.has_value()) << n.endpoint;
        ids.insert(n.id->to_string());
        endpoints.insert(n.endpoint);
        EXPECT_EQ(n.protocol_version, client.protocol_version());
    }
    EXPECT_EQ(ids.size(), nodes.size());
    for (int i = 0; i < test::main_nodes(); ++i)
        EXPECT_EQ(endpoints.count(test::test_host() + ":" + std::to_string(test::main_port() + i)), 1u);
    Client not_connected;
    EXPECT_THROW(not_connected.protocol_version(), ConnectionError);
}

// --- asynchronous operations ---------------------------------------------------------------------------

TEST_F(KvapiBoundary, FuturesAreFulfilledByTheReplyAndCallbacksRunOnce) {
    auto cache = client.create_cache(name);
    auto put = cache.put_async(1, std::string("one"));
    // A deferred future would report future_status::deferred here and never become ready.
    ASSERT_EQ(put.wait_for(10s), std::future_status::ready);
    put.get();

    std::promise<std::optional<std::string>> got;
    std::atomic<int> calls{0};
    cache.get_async<std::string>(1, [&](std::exception_ptr e, std::optional<std::string> v) {
        ++calls;
        if (e) got.set_exception(e);
        else got.set_value(std::move(v));
    });
    EXPECT_EQ(got.get_future().get(), "one");

    std::promise<void> failed;
    client.get_cache("kvb_no_such_cache").async().get<int>(1, [&](std::exception_ptr e, std::optional<int> v) {
        EXPECT_FALSE(v.has_value());
        if (e) failed.set_exception(e);
        else failed.set_value();
    });
    EXPECT_THROW(failed.get_future().get(), CacheNotFoundError);

    std::promise<std::int64_t> size;
    cache.async().get_size({}, [&](std::exception_ptr e, std::int64_t n) {
        if (e) size.set_exception(e);
        else size.set_value(n);
    });
    EXPECT_EQ(size.get_future().get(), 1);
    EXPECT_EQ(calls.load(), 1);

    // A compute result is collected when it arrives, whether or not anybody reads the future.
    auto task = client.execute_task_async("io.kindling.cluster.WordLengthTask", Value("a bb ccc"));
    ASSERT_EQ(task.wait_for(20s), std::future_status::ready);
    EXPECT_EQ(task.get(), Value(std::int32_t{6}));
    std::promise<Value> by_callback;
    client.execute_task_async("io.kindling.cluster.WordLengthTask", Value("fail"), {}, [&](std::exception_ptr e, Value v) {
        if (e) by_callback.set_exception(e);
        else by_callback.set_value(std::move(v));
    });
    EXPECT_THROW(by_callback.get_future().get(), Error);
}

TEST_F(KvapiBoundary, AsioCompletionTokens) {
    auto cache = client.create_cache(name);
    boost::asio::io_context io;
    std::optional<int> read;
    bool absent_inserted = false;
    std::exception_ptr failure;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            co_await kvapi::asio::async_put(cache, 1, 42, boost::asio::use_awaitable);
            read = co_await kvapi::asio::async_get<int>(cache, 1, boost::asio::use_awaitable);
            absent_inserted = co_await kvapi::asio::async_put_if_absent(cache, 2, 5, boost::asio::use_awaitable);
            try {
                co_await kvapi::asio::async_get<int>(client.get_cache("kvb_no_such_cache"), 1, boost::asio::use_awaitable);
            } catch (const CacheNotFoundError&) {
                failure = std::current_exception();
            }
        },
        boost::asio::detached);
    io.run();
    EXPECT_EQ(read, 42);
    EXPECT_TRUE(absent_inserted);
    EXPECT_TRUE(failure) << "the error did not reach the coroutine as CacheNotFoundError";

    auto all = kvapi::asio::async_get_all<int, int>(cache, {1, 2, 3}, boost::asio::use_future).get();
    EXPECT_EQ(all, (std::map<int, int>{{1, 42}, {2, 5}}));
    std::promise<Value> computed;
    kvapi::asio::async_execute_task(client, "io.kindling.cluster.WordLengthTask", Value("abc de"), {},
                                    [&](std::exception_ptr e, Value v) {
                                        if (e) computed.set_exception(e);
                                        else computed.set_value(std::move(v));
                                    });
    EXPECT_EQ(computed.get_future().get(), Value(std::int32_t{5}));
}

TEST_F(KvapiBoundary, LocalPeekReadsWhatTheReachedNodeHolds) {
    auto cache = transactional();  // replicated: every node holds every entry, wherever the peek goes
    cache.put(1, std::string("here"));
    EXPECT_EQ(cache.local_peek(Value(1)), Value("here"));
    EXPECT_EQ(cache.local_peek(Value(2)), std::nullopt);
    EXPECT_EQ(cache.local_peek(Value(1), {PeekMode::Backup}), Value("here"));  // modes are not sent: the server peeks ALL
}
