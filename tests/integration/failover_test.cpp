// The reference document's failover loop against a real 3-node cluster whose node is killed:
// the operation that meets the dead node fails with a ConnectionError, the following ones succeed
// on the other nodes, nothing more goes to the dead port, and when the node returns the client
// connects to it again by itself.
#include <gtest/gtest.h>

#include <thread>

#include "kindling/kvapi/client.hpp"
#include "kindling/net/channel.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/protocol/errors.hpp"
#include "counting_proxy.hpp"
#include "test_env.hpp"

using namespace kindling;

TEST(Failover, KilledNodeThenItsReturn) {
    test::FailoverClusterLock exclusive;
    const auto base = test::failover_port();
    const auto base_arg = " --base-port " + std::to_string(base);
    ASSERT_EQ(test::cluster_sh("status" + base_arg), 0) << "the failover cluster is not running";

    std::vector<net::Endpoint> eps{{test::test_host(), base, 0}, {test::test_host(), static_cast<std::uint16_t>(base + 1), 0},
                                   {test::test_host(), static_cast<std::uint16_t>(base + 2), 0}};
    net::ClientOptions o;
    o.endpoints = eps;
    o.request_timeout = std::chrono::milliseconds(20000);
    auto core = net::ClusterClient::connect(o);
    ASSERT_GE(core->channels().size(), 3u);
    auto connected_to = [&](std::uint16_t port) {
        for (const auto& ch : core->channels())
            if (ch->endpoint() == test::test_host() + ":" + std::to_string(port)) return true;
        return false;
    };

    kvapi::Client client;
    client.connect(eps);

    // The failover loop runs through counting proxies, one per node, so what reached each node is
    // seen from outside the client. Discovery is off: it would hand out the nodes' real ports.
    std::vector<std::unique_ptr<test::CountingProxy>> proxies;
    std::vector<net::Endpoint> proxied_eps;
    for (const auto& e : eps) {
        proxies.push_back(std::make_unique<test::CountingProxy>(e.host, e.port));
        proxied_eps.push_back({test::test_host(), proxies.back()->port(), 0});
    }
    kvapi::ClientConfiguration pconf;
    pconf.discover_nodes = false;
    kvapi::Client proxied(pconf);
    proxied.connect(proxied_eps);
    kvapi::CacheConfiguration cfg;
    cfg.name = "failover_loop";
    cfg.cache_mode = protocol::CacheMode::Replicated;
    auto cache = proxied.get_or_create_cache(cfg);
    cache.put("test_key", 0);
    std::uint64_t dead_before_kill = 0;

    int successes = 0, connection_errors = 0;
    for (int i = 0; i < 40; ++i) {
        if (i == 10) {
            ASSERT_EQ(test::cluster_sh("kill --node 1" + base_arg), 0);
            dead_before_kill = proxies[0]->requests();
        }
        try {
            auto v = *cache.get<int>("test_key");
            cache.put("test_key", v + 1);
            ++successes;
        } catch (const ReconnectError& e) {
            FAIL() << "two nodes are alive, yet: " << e.what();
        } catch (const ConnectionError& e) {
            ++connection_errors;  // the document's "recover from error" branch
        }
    }
    EXPECT_LE(connection_errors, 2);
    EXPECT_GE(successes, 38);
    EXPECT_EQ(cache.get<int>("test_key"), successes);
    // The proxy in front of the dead node counts what the client wrote to that port: at most the
    // one operation that met the dead node, nothing after it.
    EXPECT_LE(proxies[0]->requests() - dead_before_kill, 1u) << "requests kept going to the dead node's port";
    std::uint64_t alive_requests = proxies[1]->requests() + proxies[2]->requests();
    EXPECT_GE(alive_requests, 2u * 30) << "the loop's operations did not reach the live nodes";

    // Requests after the kill never went to the dead port.
    net::ClientOptions o2 = o;
    auto before = core->routing_stats().per_endpoint;
    for (int i = 0; i < 20; ++i) {
        try {
            core->request(OpCode::CacheGetNames, [](protocol::ByteWriter&, const protocol::ProtocolContext&) {});
        } catch (const ConnectionError&) {
        }
    }
    auto after = core->routing_stats().per_endpoint;
    auto dead = test::test_host() + ":" + std::to_string(base);
    EXPECT_LE(after[dead] - before[dead], 1u) << "requests kept going to the dead node";

    // The node comes back; the client reconnects to it in the background.
    ASSERT_EQ(test::cluster_sh("restart --node 1" + base_arg), 0);
    bool back = false;
    for (int i = 0; i < 60 && !back; ++i) {
        back = connected_to(base);
        if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    EXPECT_TRUE(back) << "the client did not reconnect to the restarted node";
    cache.destroy();

    // A 4th node joins: the client learns its endpoint (discovery on the topology change) and,
    // after rebalancing, routes the keys that moved to their new primary.
    if (core->channels().size() < 4) {  // a re-run on a developer's cluster may have 4 already
        ASSERT_EQ(test::cluster_sh("add-node" + base_arg), 0);
    }
    kvapi::CacheConfiguration pcfg;
    pcfg.name = "failover_partitioned";
    pcfg.backups = 0;
    try { client.get_cache(pcfg.name).destroy(); } catch (const Error&) {}
    auto pcache = client.create_cache(pcfg);
    for (int i = 0; i < 200; ++i) pcache.put(i, i);  // the first responses carry the new topology
    bool four = false;
    for (int i = 0; i < 60 && !four; ++i) {
        // Any response tells a client that the topology changed; it then looks for new endpoints.
        core->request(OpCode::CacheGetNames, [](protocol::ByteWriter&, const protocol::ProtocolContext&) {});
        four = connected_to(static_cast<std::uint16_t>(base + 3));
        if (!four) std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    EXPECT_TRUE(four) << "the client did not connect to the node that joined";
    int routed = 0;
    for (int attempt = 0; attempt < 20 && routed < 200; ++attempt) {
        routed = 0;
        for (int i = 0; i < 200; ++i) routed += pcache.local_peek(Value(std::int32_t{i}), {kvapi::PeekMode::Primary}).has_value() ? 1 : 0;
        if (routed < 200) std::this_thread::sleep_for(std::chrono::milliseconds(500));  // rebalancing
    }
    EXPECT_EQ(routed, 200) << "keys are not routed to their primaries after the node joined";
    auto per_node = client.routing_stats().per_endpoint;
    EXPECT_GT(per_node[test::test_host() + ":" + std::to_string(base + 3)], 0u) << "nothing was sent to the new node";
    pcache.destroy();
}
