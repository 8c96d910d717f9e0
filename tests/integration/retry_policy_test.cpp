// What a request caught in flight by a dying connection turns into, for each retry policy, against
// the real cluster: the connection dies under the request (a proxy swallows the request, then
// drops the connection), which is the case the reference document's failover loop is about.
#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <thread>

#include "counting_proxy.hpp"
#include "kindling/kvapi/client.hpp"
#include "kindling/protocol/errors.hpp"
#include "test_env.hpp"

using namespace kindling;

namespace {

// ctest runs these tests in parallel: each gets its own cache.
std::string own_cache() { return std::string("retry_") + ::testing::UnitTest::GetInstance()->current_test_info()->name(); }

struct Recorded {
    net::Event::Kind kind;
    std::string endpoint;
    OpCode op;
    std::chrono::microseconds duration;
};

struct Scenario {
    // The event log outlives the client (declared first, destroyed last): the client still reports
    // its connections closing while it is destroyed.
    std::mutex mu;
    std::vector<Recorded> events;
    std::string proxy_endpoint;
    std::unique_ptr<test::CountingProxy> proxy;
    kvapi::Client client;

    explicit Scenario(net::RetryPolicy policy) {
        proxy = std::make_unique<test::CountingProxy>(test::test_host(), test::main_port());
        proxy_endpoint = test::test_host() + ":" + std::to_string(proxy->port());
        kvapi::ClientConfiguration conf;
        conf.retry = policy;
        conf.partition_awareness = false;  // every request goes to the first node: the proxied one
        conf.discover_nodes = false;
        conf.on_event = [this](const net::Event& e) {
            std::lock_guard lock(mu);
            events.push_back({e.kind, e.endpoint, e.op, e.duration});
        };
        client = kvapi::Client(conf);
        client.connect({{test::test_host(), proxy->port(), 0}, {test::test_host(), static_cast<std::uint16_t>(test::main_port() + 1), 0}});
    }

    // Runs get(key) while the proxied connection dies under it.
    std::optional<int> get_while_the_node_dies(kvapi::Cache& cache) {
        proxy->hold();
        auto before = proxy->requests();
        auto result = std::async(std::launch::async, [&] { return cache.get<int>("retry_key"); });
        for (int i = 0; i < 200 && proxy->requests() == before; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        EXPECT_GT(proxy->requests(), before) << "the request never reached the proxy";
        proxy->sever();
        return result.get();
    }

    bool saw(net::Event::Kind kind, const std::string& endpoint, OpCode op) {
        std::lock_guard lock(mu);
        for (const auto& e : events)
            if (e.kind == kind && (endpoint.empty() || e.endpoint == endpoint) && e.op == op) return true;
        return false;
    }
};

}  // namespace

TEST(RetryPolicy, NoneReportsTheConnectionErrorThenTheNextOperationWorks) {
    Scenario s(net::RetryPolicy::None);
    auto cache = s.client.get_or_create_cache(own_cache());
    cache.put("retry_key", 5);
    EXPECT_THROW(s.get_while_the_node_dies(cache), ConnectionError);
    EXPECT_EQ(cache.get<int>("retry_key"), 5);  // the next operation goes to the live node
    EXPECT_TRUE(s.saw(net::Event::Kind::QueryFailed, s.proxy_endpoint, OpCode::CacheGet));
    EXPECT_TRUE(s.saw(net::Event::Kind::ConnectionLost, s.proxy_endpoint, OpCode::Heartbeat));
}

TEST(RetryPolicy, IdempotentOnlyRetriesAReadOnAnotherNode) {
    Scenario s(net::RetryPolicy::IdempotentOnly);
    auto cache = s.client.get_or_create_cache(own_cache());
    cache.put("retry_key", 6);
    EXPECT_EQ(s.get_while_the_node_dies(cache), 6);
    const auto other = test::test_host() + ":" + std::to_string(test::main_port() + 1);
    EXPECT_TRUE(s.saw(net::Event::Kind::QueryFailed, s.proxy_endpoint, OpCode::CacheGet));
    EXPECT_TRUE(s.saw(net::Event::Kind::QuerySucceeded, other, OpCode::CacheGet)) << "the retry did not go to the live node";
}

TEST(RetryPolicy, IdempotentOnlyDoesNotRepeatAWriteWhoseOutcomeCouldChange) {
    Scenario s(net::RetryPolicy::IdempotentOnly);
    auto cache = s.client.get_or_create_cache(own_cache());
    cache.put("retry_key", 1);
    s.proxy->hold();
    auto before = s.proxy->requests();
    // replace_if_equals is not repeatable: a second attempt would report false after the first
    // one succeeded on the server.
    auto attempt = std::async(std::launch::async, [&] { return cache.replace_if_equals("retry_key", 1, 2); });
    for (int i = 0; i < 200 && s.proxy->requests() == before; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    s.proxy->sever();
    EXPECT_THROW(attempt.get(), ConnectionError);
}

TEST(Events, QueriesAreReportedWithOpCodeAndDuration) {
    Scenario s(net::RetryPolicy::None);
    auto cache = s.client.get_or_create_cache(own_cache());
    cache.put("retry_key", 7);
    EXPECT_EQ(cache.get<int>("retry_key"), 7);
    EXPECT_THROW(s.client.get_cache("no_such_cache_for_events").get<int>("k"), CacheError);
    std::lock_guard lock(s.mu);
    int started = 0, succeeded = 0, failed = 0;
    for (const auto& e : s.events) {
        if (e.op == OpCode::CacheGet && e.kind == net::Event::Kind::QueryStarted) ++started;
        if (e.op == OpCode::CacheGet && e.kind == net::Event::Kind::QuerySucceeded) {
            ++succeeded;
            EXPECT_GT(e.duration.count(), 0);
        }
        if (e.op == OpCode::CacheGet && e.kind == net::Event::Kind::QueryFailed) ++failed;
    }
    EXPECT_EQ(started, 2);
    EXPECT_EQ(succeeded, 1);
    EXPECT_EQ(failed, 1);
}
