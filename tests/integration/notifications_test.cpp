// Server-pushed notifications against the real cluster: continuous-query events and compute-task
// results (the test cluster deploys io.kindling.cluster.WordLengthTask and allows thin-client compute).
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "kindling/kvapi/client.hpp"
#include "kindling/protocol/errors.hpp"
#include "test_env.hpp"

using namespace kindling;
using namespace kindling::kvapi;

namespace {

std::vector<net::Endpoint> all_nodes() {
    std::vector<net::Endpoint> eps;
    for (int i = 0; i < test::main_nodes(); ++i) eps.push_back({test::test_host(), static_cast<std::uint16_t>(test::main_port() + i), 0});
    return eps;
}

struct Collected {
    std::mutex mu;
    std::condition_variable cv;
    std::vector<CacheEntryEvent> events;
    bool wait_for(std::size_t n) {
        std::unique_lock lock(mu);
        return cv.wait_for(lock, std::chrono::seconds(15), [&] { return events.size() >= n; });
    }
};

}  // namespace

TEST(ContinuousQuery, ListenerSeesEveryChangeInOrderUntilClosed) {
    Client client;
    client.connect(all_nodes());
    auto cache = client.get_or_create_cache("cq_events");
    cache.clear();
    Collected seen;
    std::optional<std::string> read_back;
    auto cq = cache.continuous_query([&](const std::vector<CacheEntryEvent>& batch) {
        // A listener may use the client: it runs on the query's own thread, not the I/O thread.
        if (!read_back) read_back = cache.get<std::string>(1).value_or("<none>");
        std::lock_guard lock(seen.mu);
        seen.events.insert(seen.events.end(), batch.begin(), batch.end());
        seen.cv.notify_all();
    });
    EXPECT_TRUE(cq.active());
    cache.put(1, std::string("a"));
    cache.put(1, std::string("b"));
    cache.remove_key(1);
    cache.put(2, std::string("c"));
    ASSERT_TRUE(seen.wait_for(4)) << "only " << seen.events.size() << " events arrived";
    std::vector<CacheEntryEvent> key1;
    std::optional<CacheEntryEvent> key2;
    {
        std::lock_guard lock(seen.mu);
        for (const auto& e : seen.events) {
            if (e.key == Value(std::int32_t{1})) key1.push_back(e);
            else if (e.key == Value(std::int32_t{2})) key2 = e;
        }
    }
    ASSERT_EQ(key1.size(), 3u);
    EXPECT_EQ(key1[0].type, CacheEntryEventType::Created);
    EXPECT_EQ(key1[0].value, Value("a"));
    EXPECT_EQ(key1[1].type, CacheEntryEventType::Updated);
    EXPECT_EQ(key1[1].old_value, Value("a"));
    EXPECT_EQ(key1[1].value, Value("b"));
    EXPECT_EQ(key1[2].type, CacheEntryEventType::Removed);
    EXPECT_EQ(key1[2].old_value, Value("b"));
    EXPECT_TRUE(key1[2].value.is_null());
    ASSERT_TRUE(key2.has_value());
    EXPECT_EQ(key2->type, CacheEntryEventType::Created);
    EXPECT_TRUE(read_back.has_value());

    // Closed: the server stops sending.
    cq.close();
    EXPECT_FALSE(cq.active());
    cache.put(3, std::string("d"));
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    std::lock_guard lock(seen.mu);
    EXPECT_EQ(seen.events.size(), 4u) << "events arrived after close()";
}

TEST(ContinuousQuery, BatchesByPageSize) {
    Client client;
    client.connect(test::test_host(), test::main_port());
    auto cache = client.get_or_create_cache("cq_batches");
    cache.clear();
    std::mutex mu;
    std::vector<std::size_t> batch_sizes;
    std::size_t total = 0;
    ContinuousQueryOptions o;
    o.page_size = 5;
    o.time_interval = std::chrono::milliseconds(200);  // flush a partial batch after 200 ms
    auto cq = cache.continuous_query([&](const std::vector<CacheEntryEvent>& batch) {
        std::lock_guard lock(mu);
        batch_sizes.push_back(batch.size());
        total += batch.size();
    }, o);
    for (int i = 0; i < 12; ++i) cache.put(i, i);
    for (int i = 0; i < 100; ++i) {
        {
            std::lock_guard lock(mu);
            if (total >= 12) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::lock_guard lock(mu);
    EXPECT_EQ(total, 12u);
    for (auto n : batch_sizes) EXPECT_LE(n, 5u);
}

TEST(Compute, ExecutesAJavaTaskByNameAndReportsItsFailure) {
    Client client;
    client.connect(all_nodes());
    const std::string task = "io.kindling.cluster.WordLengthTask";
    EXPECT_EQ(client.execute_task(task, Value("hello big world")), Value(std::int32_t{13}));

    // Pipelined: many tasks in flight on one client.
    std::vector<std::future<Value>> running;
    for (int i = 1; i <= 10; ++i) running.push_back(client.execute_task_async(task, Value(std::string(static_cast<std::size_t>(i), 'x') + " yz")));
    for (int i = 1; i <= 10; ++i) EXPECT_EQ(running[static_cast<std::size_t>(i - 1)].get(), Value(std::int32_t{i + 2}));

    try {
        client.execute_task(task, Value("fail"));
        FAIL() << "the failing task reported success";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("asked to fail"), std::string::npos) << e.what();
    }
    try {
        client.execute_task("io.kindling.NoSuchTask", Value{});
        FAIL() << "an unknown task reported success";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("NoSuchTask"), std::string::npos) << e.what();
    }
    // The client is still usable.
    EXPECT_EQ(client.execute_task(task, Value("ok")), Value(std::int32_t{2}));
}
