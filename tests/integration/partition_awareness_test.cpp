// Partition awareness on the real 3-node cluster, checked against the server's own view: after a
// routed put, a PRIMARY local peek finds the key on the node the request went to and on no other
// node (the cache has no backups).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <set>
#include <thread>

#include "kindling/kvapi/client.hpp"
#include "kindling/net/channel.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/protocol/affinity.hpp"
#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/java_hash.hpp"
#include "counting_proxy.hpp"
#include "test_env.hpp"

using namespace kindling;

namespace {

std::vector<Value> keys_of_every_type() {
    std::vector<Value> keys;
    for (int i = -50; i < 50; ++i) keys.emplace_back(std::int32_t{i * 7919});
    for (long long i = -20; i < 20; ++i) keys.emplace_back(std::int64_t{i * 1'000'000'007LL});
    for (int i = 0; i < 30; ++i) keys.emplace_back(std::string("key_") + std::to_string(i) + "_\xF0\x9F\x98\x80");
    keys.emplace_back(std::string("\xE4\xB8\xAD\xE6\x96\x87"));
    for (int i = 0; i < 10; ++i) keys.emplace_back(double(i) / 3.0 - 1.5);
    for (int i = 0; i < 10; ++i) keys.emplace_back(std::int16_t(-5 + i));
    for (int i = 0; i < 10; ++i) keys.emplace_back(std::int8_t(-100 + i * 20));
    for (int i = 0; i < 10; ++i) keys.emplace_back(Uuid{0x0123456789abcdefULL * (i + 1), 0xfedcba9876543210ULL ^ static_cast<std::uint64_t>(i)});
    for (int i = 0; i < 10; ++i) keys.emplace_back(Decimal::from_int64(-12345 + i * 1111, i % 4));
    for (int i = 0; i < 10; ++i) keys.emplace_back(Date{1'700'000'000'000LL + i * 86'400'000LL});
    for (int i = 0; i < 10; ++i) keys.emplace_back(Timestamp{1'700'000'000'123LL + i, i * 1000});
    keys.emplace_back(true);
    keys.emplace_back(false);
    for (char16_t c : {u'a', u'Z', u'\u00e9'}) keys.emplace_back(Char{c});
    return keys;
}

bool peek_primary(net::Channel& ch, std::int32_t cache_id, const Value& key) {
    auto resp = ch.request(OpCode::CacheLocalPeek, [&](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
        protocol::CacheHeader{cache_id}.encode(w, ctx);
        protocol::write_value(w, key);
        w.write_i32(1);
        w.write_i8(2);  // PRIMARY
    }, std::chrono::milliseconds(10000));
    auto r = resp.reader();
    return !protocol::read_value(r).is_null();
}

void check_routing(const std::string& cache_name, const std::function<void(kvapi::Client&)>& create) {
    std::vector<net::Endpoint> eps;
    for (int i = 0; i < test::main_nodes(); ++i) eps.push_back({test::test_host(), static_cast<std::uint16_t>(test::main_port() + i), 0});
    kvapi::Client client;
    client.connect(eps);
    try { client.get_cache(cache_name).destroy(); } catch (const Error&) {}
    create(client);
    auto cache = client.get_cache(cache_name);
    cache.put(0, 0);  // first keyed request fetches the mapping

    // A separate raw client gives one channel per node for the server-side check.
    net::ClientOptions o;
    o.endpoints = eps;
    auto raw = net::ClusterClient::connect(o);
    auto channels = raw->channels();
    ASSERT_EQ(static_cast<int>(channels.size()), test::main_nodes());

    int checked = 0, on_primary = 0;
    for (const auto& key : keys_of_every_type()) {
        cache.put_value(key, Value(std::string("v")));
        int found = 0;
        for (auto& ch : channels) found += peek_primary(*ch, cache.id(), key) ? 1 : 0;
        EXPECT_EQ(found, 1) << "key " << key.to_string() << " is primary on " << found << " nodes";
        ++checked;
    }
    // The routed request must have gone to the node that holds the key as primary: local_peek is
    // routed like put, so it finds every key only if routing matches the server's affinity.
    for (const auto& key : keys_of_every_type()) {
        auto v = cache.local_peek(key, {kvapi::PeekMode::Primary});
        EXPECT_TRUE(v.has_value()) << "routed local peek missed " << key.to_string() << " (" << type_code_name(key.type_code()) << ")";
        on_primary += v.has_value() ? 1 : 0;
    }
    EXPECT_EQ(on_primary, checked);
    // In a steady topology (almost) every keyed request goes straight to the primary.
    auto before = client.routing_stats();
    for (int i = 0; i < 2000; ++i) cache.put(i, i);
    auto after = client.routing_stats();
    auto primary = after.to_primary - before.to_primary, other = after.elsewhere - before.elsewhere;
    EXPECT_GE(static_cast<double>(primary) / static_cast<double>(primary + other), 0.99) << primary << " to primary, " << other << " elsewhere";
    cache.destroy();
}

std::size_t partition_count(const std::string& cache_name) {
    net::ClientOptions o;
    o.endpoints = {{test::test_host(), test::main_port(), 0}};
    auto raw = net::ClusterClient::connect(o);
    auto id = protocol::cache_id(cache_name);
    auto resp = raw->request(OpCode::CachePartitions, [&](protocol::ByteWriter& w, const protocol::ProtocolContext&) {
        protocol::encode_cache_partitions_request(w, {id});
    });
    auto r = resp.reader();
    auto m = protocol::decode_cache_partitions_response(r);
    return m.caches.count(id) ? m.caches[id].primary_of_partition.size() : 0;
}

}  // namespace

TEST(PartitionAwareness, EveryKeyTypeGoesToItsPrimary) {
    check_routing("pa_default", [](kvapi::Client& c) {
        kvapi::CacheConfiguration cfg;
        cfg.name = "pa_default";
        cfg.cache_mode = protocol::CacheMode::Partitioned;
        cfg.backups = 0;
        c.create_cache(cfg);
    });
}

TEST(PartitionAwareness, NonPowerOfTwoPartitionCountFromATemplate) {
    // The thin protocol cannot set the partition count: the test cluster has a 1000-partition
    // template "partitioned1000*" that this cache name matches.
    check_routing("partitioned1000_pa", [](kvapi::Client& c) {
        c.create_cache("partitioned1000_pa");
        ASSERT_EQ(partition_count("partitioned1000_pa"), 1000u);
    });
}

// Where requests went, seen from outside the client: one counting proxy per node. For 10 000 keys of
// mixed types, the proxy that saw each put must front the node that holds the key as primary
// (a PRIMARY local peek over a direct connection finds it there).
TEST(PartitionAwareness, ProxiesSeeTenThousandKeysArriveAtTheirPrimaries) {
    std::vector<std::unique_ptr<test::CountingProxy>> proxies;
    std::vector<net::Endpoint> proxied;
    for (int i = 0; i < test::main_nodes(); ++i) {
        proxies.push_back(std::make_unique<test::CountingProxy>(test::test_host(), static_cast<std::uint16_t>(test::main_port() + i)));
        proxied.push_back({test::test_host(), proxies.back()->port(), 0});
    }
    kvapi::ClientConfiguration conf;
    conf.discover_nodes = false;  // the cluster would hand out the real ports
    kvapi::Client client(conf);
    client.connect(proxied);
    kvapi::CacheConfiguration cfg;
    cfg.name = "pa_proxied";
    cfg.backups = 0;
    try { client.get_cache(cfg.name).destroy(); } catch (const Error&) {}
    auto cache = client.create_cache(cfg);
    cache.put(0, 0);  // fetches the mapping

    std::vector<net::Endpoint> nodes;
    for (int i = 0; i < test::main_nodes(); ++i) nodes.push_back({test::test_host(), static_cast<std::uint16_t>(test::main_port() + i), 0});
    net::ClientOptions direct;
    direct.endpoints = nodes;  // exactly the main cluster's nodes, nothing else (issue 14)
    direct.discover_nodes = false;
    auto raw = net::ClusterClient::connect(direct);
    std::map<std::uint16_t, std::shared_ptr<net::Channel>> node_at;  // node port -> direct channel
    for (auto& ch : raw->channels()) node_at[static_cast<std::uint16_t>(std::stoi(ch->endpoint().substr(ch->endpoint().rfind(':') + 1)))] = ch;
    ASSERT_EQ(static_cast<int>(node_at.size()), test::main_nodes());

    std::vector<Value> keys;
    auto base = keys_of_every_type();
    for (int round = 0; static_cast<int>(keys.size()) < 10'000; ++round)
        for (const auto& k : base) {
            if (static_cast<int>(keys.size()) == 10'000) break;
            // Vary each key per round while keeping its type.
            if (auto i = k.get_if<std::int32_t>()) keys.emplace_back(std::int32_t(*i + round * 1'000'003));
            else if (auto l = k.get_if<std::int64_t>()) keys.emplace_back(std::int64_t(*l - round * 7'777'777'777LL));
            else if (auto s = k.get_if<std::string>()) keys.emplace_back(*s + "#" + std::to_string(round));
            else if (auto u = k.get_if<Uuid>()) keys.emplace_back(Uuid{u->msb + static_cast<std::uint64_t>(round), u->lsb ^ (static_cast<std::uint64_t>(round) << 17)});
            else if (k.is<Decimal>()) keys.emplace_back(Decimal::from_int64(-98765 + round * 3 + static_cast<int>(keys.size() % 97), round % 5));
            else if (auto dt = k.get_if<Date>()) keys.emplace_back(Date{dt->millis - round * 3'600'000LL});
            else if (auto x = k.get_if<double>()) keys.emplace_back(*x * (round + 1) - round);
            else keys.emplace_back(std::int64_t(-static_cast<std::int64_t>(keys.size()) * 31 - round));
        }

    int at_primary = 0, unseen = 0;
    for (const auto& key : keys) {
        std::vector<std::uint64_t> before;
        for (auto& p : proxies) before.push_back(p->requests());
        cache.put_value(key, Value(std::int32_t{1}));
        int via = -1;
        for (std::size_t i = 0; i < proxies.size(); ++i)
            if (proxies[i]->requests() > before[i]) via = static_cast<int>(i);
        if (via < 0) { ++unseen; continue; }
        auto port = static_cast<std::uint16_t>(test::main_port() + via);
        if (peek_primary(*node_at.at(port), cache.id(), key)) ++at_primary;
    }
    std::printf("proxied routing: %d of %zu puts reached the key's primary, %d seen by no proxy\n", at_primary, keys.size(), unseen);
    EXPECT_EQ(unseen, 0) << "puts that no proxy saw";
    EXPECT_GE(at_primary, 9'900) << "of 10000 puts, only " << at_primary << " reached the key's primary node";
    cache.destroy();
}

TEST(AffinityMath, MaskAndRemainderBranches) {
    EXPECT_EQ(protocol::partition_for_hash(0x12345678, 1024), (0x12345678 ^ 0x1234) & 1023);
    EXPECT_EQ(protocol::partition_for_hash(-7, 1000), 7);
    EXPECT_EQ(protocol::partition_for_hash(INT32_MIN, 1000), 648);  // |-2147483648 % 1000| = 648
}

TEST(Discovery, OneAddressEndsUpConnectedToEveryNode) {
    net::ClientOptions o;
    o.endpoints = {{test::test_host(), test::main_port(), 0}};
    auto client = net::ClusterClient::connect(o);
    bool all = false;
    for (int i = 0; i < 40 && !all; ++i) {
        all = static_cast<int>(client->channels().size()) == test::main_nodes();
        if (!all) std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    EXPECT_TRUE(all) << "connected to " << client->channels().size() << " of " << test::main_nodes() << " nodes";
    std::set<std::string> ids;
    for (auto& ch : client->channels()) ids.insert(ch->node_id() ? ch->node_id()->to_string() : "none");
    EXPECT_EQ(static_cast<int>(ids.size()), test::main_nodes());
}

// Many threads share one partition-aware client under load: every thread's reads see its own
// writes, and the routing stays on the primaries.
TEST(PartitionAwareness, EightThreadsShareOneClient) {
    std::vector<net::Endpoint> eps;
    for (int i = 0; i < test::main_nodes(); ++i) eps.push_back({test::test_host(), static_cast<std::uint16_t>(test::main_port() + i), 0});
    kvapi::Client client;
    client.connect(eps);
    kvapi::CacheConfiguration cfg;
    cfg.name = "pa_threads";
    cfg.backups = 0;
    try { client.get_cache(cfg.name).destroy(); } catch (const Error&) {}
    auto cache = client.create_cache(cfg);
    cache.put(-1, -1);  // the mapping
    auto before = client.routing_stats();
    std::atomic<int> wrong{0}, failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            try {
                for (int i = 0; i < 1000; ++i) {
                    int key = t * 100'000 + i;
                    cache.put(key, std::to_string(key));
                    if (cache.get<std::string>(key) != std::to_string(key)) ++wrong;
                }
            } catch (const Error&) {
                ++failed;
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(cache.get_size(), 8001);
    auto after = client.routing_stats();
    auto primary = after.to_primary - before.to_primary, other = after.elsewhere - before.elsewhere;
    EXPECT_GE(static_cast<double>(primary) / static_cast<double>(primary + other), 0.99) << primary << " to primary, " << other << " elsewhere";
    cache.destroy();
}
