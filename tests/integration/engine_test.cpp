// The one request engine (ClusterClientImpl): retry policy, request timeout, topology refresh and
// events behave the same whichever form a request takes — blocking request(), the callback
// request_async(op, payload, route, done), or the PendingResponse request_async(op, payload, route)
// the driver pipelines with. Plus what the engine promises about threads and locks: one I/O thread
// per client, and no thread waits for another thread's connect to a node that does not answer.
#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include <atomic>
#include <chrono>
#include <dirent.h>
#include <future>
#include <mutex>
#include <thread>

#include "counting_proxy.hpp"
#include "kindling/kvapi/async_cache.hpp"
#include "kindling/kvapi/client.hpp"
#include "kindling/net/channel.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/net/io.hpp"
#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/cache_configuration.hpp"
#include "kindling/protocol/cache_header.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/java_hash.hpp"
#include "kindling/protocol/tx_messages.hpp"
#include "test_env.hpp"

using namespace kindling;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using net::ClientOptions;
using net::ClusterClient;
using net::Endpoint;
using net::Response;

namespace {

enum class Form { Blocking, Callback, Pending };
std::string form_name(Form f) {
    switch (f) {
        case Form::Blocking: return "Blocking";
        case Form::Callback: return "Callback";
        case Form::Pending: return "Pending";
    }
    return "?";
}

// One request in the given form; a failure is thrown as its kindling::Error in every form.
Response run(ClusterClient& client, Form form, OpCode op, const net::PayloadWriter& payload, const net::Route& route = {}) {
    switch (form) {
        case Form::Blocking: return client.request(op, payload, route);
        case Form::Pending: return client.request_async(op, payload, route).get();
        case Form::Callback: {
            std::promise<Response> p;
            auto f = p.get_future();
            client.request_async(op, payload, route, [&p](Response r) { p.set_value(std::move(r)); });
            auto r = f.get();
            net::raise_if_failed(r, op);
            return r;
        }
    }
    throw std::logic_error("form");
}

net::PayloadWriter no_payload() {
    return [](protocol::ByteWriter&, const protocol::ProtocolContext&) {};
}

net::PayloadWriter cache_get(std::int32_t cache_id, Value key) {
    return [cache_id, key](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
        protocol::CacheHeader{cache_id, {}, {}}.encode(w, ctx);
        protocol::write_value(w, key);
    };
}
net::PayloadWriter cache_put(std::int32_t cache_id, Value key, Value value) {
    return [cache_id, key, value](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
        protocol::CacheHeader{cache_id, {}, {}}.encode(w, ctx);
        protocol::write_value(w, key);
        protocol::write_value(w, value);
    };
}
net::PayloadWriter cache_name(const std::string& name) {
    return [name](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::write_string(w, name); };
}

std::size_t thread_count() {
    std::size_t n = 0;
    if (DIR* d = ::opendir("/proc/self/task")) {
        while (auto* e = ::readdir(d))
            if (e->d_name[0] != '.') ++n;
        ::closedir(d);
    }
    return n;
}

// The handler owns the log: a completion still running on the I/O thread may hold the client (and
// so emit its last events) after the test's own reference is gone.
struct EventLog {
    struct State {
        std::mutex mu;
        std::vector<net::Event> events;
    };
    std::shared_ptr<State> state = std::make_shared<State>();
    std::mutex& mu = state->mu;
    std::vector<net::Event>& events = state->events;
    net::EventHandler handler() {
        return [state = state](const net::Event& e) {
            std::lock_guard lock(state->mu);
            state->events.push_back(e);
        };
    }
    std::vector<net::Event> of(OpCode op) {
        std::lock_guard lock(mu);
        std::vector<net::Event> out;
        for (const auto& e : events)
            if (e.op == op && (e.kind == net::Event::Kind::QueryStarted || e.kind == net::Event::Kind::QuerySucceeded ||
                               e.kind == net::Event::Kind::QueryFailed))
                out.push_back(e);
        return out;
    }
    int count(net::Event::Kind kind) {
        std::lock_guard lock(mu);
        int n = 0;
        for (const auto& e : events) n += e.kind == kind;
        return n;
    }
    void clear() {
        std::lock_guard lock(mu);
        events.clear();
    }
};

ClientOptions one_node(std::uint16_t port) {
    ClientOptions o;
    o.endpoints = {Endpoint{test::test_host(), port, 0}};
    o.connect_timeout = 5s;
    o.handshake_timeout = 5s;
    o.partition_awareness = false;
    o.discover_nodes = false;
    return o;
}

// A thin-client "server" on 127.0.0.1 that completes the handshake (protocol 1.7.0, no features,
// so no heartbeat request) and then answers requests as `answer(index, request_id)` says: a delay
// before an empty success reply, or none (never answers).
class FakeNode {
public:
    using Policy = std::function<std::optional<std::chrono::milliseconds>(int index)>;
    explicit FakeNode(Policy policy) : policy_(std::move(policy)), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
        thread_ = std::thread([this] { serve(); });
    }
    ~FakeNode() {
        stop_ = true;
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        {
            std::lock_guard lock(mu_);
            if (sock_) sock_->shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        }
        thread_.join();
    }
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    int requests() const { return requests_.load(); }

private:
    static std::vector<std::uint8_t> frame(const std::vector<std::uint8_t>& body) {
        protocol::ByteWriter w(4 + body.size());
        w.write_i32(static_cast<std::int32_t>(body.size()));
        w.write_bytes(body);
        return std::move(w).take();
    }
    void serve() {
        try {
            auto s = std::make_shared<asio::ip::tcp::socket>(acceptor_.accept());
            {
                std::lock_guard lock(mu_);
                sock_ = s;
            }
            read_frame(*s);  // the handshake
            protocol::ByteWriter hs(32);
            hs.write_u8(1);
            protocol::write_value(hs, Value(ByteArray{0, 0, 0}));
            protocol::write_value(hs, Value(Uuid{1, 2}));
            asio::write(*s, asio::buffer(frame(std::move(hs).take())));
            for (int index = 0; !stop_; ++index) {
                auto body = read_frame(*s);
                ++requests_;
                protocol::ByteReader r(body);
                r.read_i16();  // op code
                auto id = r.read_i64();
                auto delay = policy_(index);
                if (!delay) continue;
                std::this_thread::sleep_for(*delay);
                protocol::ByteWriter reply(16);
                reply.write_i64(id);
                reply.write_i16(0);  // flags: success
                reply.write_i32(0);  // an empty list (CacheGetNames)
                asio::write(*s, asio::buffer(frame(std::move(reply).take())));
            }
        } catch (const std::exception&) {
            // closed by the destructor
        }
    }
    static std::vector<std::uint8_t> read_frame(asio::ip::tcp::socket& s) {
        std::uint8_t len[4];
        asio::read(s, asio::buffer(len));
        protocol::ByteReader lr(std::span<const std::uint8_t>(len, 4));
        std::vector<std::uint8_t> body(static_cast<std::size_t>(lr.read_i32()));
        asio::read(s, asio::buffer(body));
        return body;
    }

    Policy policy_;
    asio::io_context io_;
    asio::ip::tcp::acceptor acceptor_;
    std::mutex mu_;
    std::shared_ptr<asio::ip::tcp::socket> sock_;
    std::atomic<bool> stop_{false};
    std::atomic<int> requests_{0};
    std::thread thread_;
};

// A listener on 127.0.0.1 that accepts TCP connections and never says a word (a node stuck in
// its handshake). Counts connections.
class SilentListener {
public:
    SilentListener() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~SilentListener() {
        io_.stop();
        thread_.join();
    }
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    int accepted() const { return accepted_.load(); }

private:
    void accept() {
        acceptor_.async_accept([this](const boost::system::error_code& ec, asio::ip::tcp::socket s) {
            if (!ec) {
                ++accepted_;
                held_.push_back(std::make_shared<asio::ip::tcp::socket>(std::move(s)));
            }
            accept();
        });
    }
    asio::io_context io_;
    asio::ip::tcp::acceptor acceptor_;
    std::vector<std::shared_ptr<asio::ip::tcp::socket>> held_;
    std::atomic<int> accepted_{0};
    std::thread thread_;
};

class Engine : public ::testing::TestWithParam<Form> {};

}  // namespace

INSTANTIATE_TEST_SUITE_P(Forms, Engine, ::testing::Values(Form::Blocking, Form::Callback, Form::Pending),
                         [](const ::testing::TestParamInfo<Form>& p) { return form_name(p.param); });

// --- request timeout ------------------------------------------------------------------------------

TEST_P(Engine, RequestTimeoutIsEnforcedAndALateReplyIsDropped) {
    // The first request is answered after 900 ms, later ones at once.
    FakeNode node([](int index) -> std::optional<std::chrono::milliseconds> {
        return index == 0 ? std::chrono::milliseconds(900) : std::chrono::milliseconds(0);
    });
    EventLog log;
    auto o = one_node(node.port());
    o.request_timeout = 300ms;
    o.on_event = log.handler();
    auto client = ClusterClient::connect(o);
    auto started = std::chrono::steady_clock::now();
    try {
        run(*client, GetParam(), OpCode::CacheGetNames, no_payload());
        FAIL() << "expected a timeout";
    } catch (const TimeoutError& e) {
        EXPECT_EQ(std::string(e.what()), "request 1050 to 127.0.0.1:" + std::to_string(node.port()) + " timed out after 300 ms");
    }
    auto took = std::chrono::steady_clock::now() - started;
    EXPECT_GE(took, 290ms);
    EXPECT_LT(took, 800ms) << "the timeout was not enforced by the engine";
    // The late reply (at 900 ms) finds no pending request and is dropped: the connection stays.
    std::this_thread::sleep_for(900ms);
    ASSERT_EQ(client->channels().size(), 1u) << "the late reply broke the connection";
    auto r = run(*client, GetParam(), OpCode::CacheGetNames, no_payload());
    EXPECT_EQ(r.reader().read_i32(), 0);
    auto events = log.of(OpCode::CacheGetNames);
    ASSERT_EQ(events.size(), 4u);
    EXPECT_EQ(events[0].kind, net::Event::Kind::QueryStarted);
    EXPECT_EQ(events[1].kind, net::Event::Kind::QueryFailed);
    EXPECT_GE(events[1].duration, 290ms);
    EXPECT_NE(events[1].message.find("timed out after 300 ms"), std::string::npos) << events[1].message;
    EXPECT_EQ(events[2].kind, net::Event::Kind::QueryStarted);
    EXPECT_EQ(events[3].kind, net::Event::Kind::QuerySucceeded);
    EXPECT_EQ(node.requests(), 2);
}

TEST_P(Engine, ManyTimedOutRequestsLeaveNothingBehind) {
    FakeNode node([](int) -> std::optional<std::chrono::milliseconds> { return std::nullopt; });  // never answers
    auto o = one_node(node.port());
    o.request_timeout = 200ms;
    auto client = ClusterClient::connect(o);
    std::vector<std::future<void>> all;
    std::atomic<int> timeouts{0};
    for (int i = 0; i < 20; ++i)
        all.push_back(std::async(std::launch::async, [&] {
            try {
                run(*client, GetParam(), OpCode::CacheGetNames, no_payload());
            } catch (const TimeoutError&) {
                ++timeouts;
            }
        }));
    for (auto& f : all) f.get();
    EXPECT_EQ(timeouts.load(), 20);
    EXPECT_EQ(client->channels().size(), 1u);
}

// kvapi's AsyncCache goes through the same engine: its futures honour request_timeout too.
TEST(EngineTimeout, AsyncCacheHonoursTheRequestTimeout) {
    FakeNode node([](int) -> std::optional<std::chrono::milliseconds> { return std::nullopt; });  // never answers
    kvapi::ClientConfiguration conf;
    conf.request_timeout = 300ms;
    conf.partition_awareness = false;
    conf.discover_nodes = false;
    kvapi::Client client(conf);
    client.connect({{"127.0.0.1", node.port(), 0}});
    auto start = std::chrono::steady_clock::now();
    auto pending = client.get_cache("engine_async_timeout").async().get<std::int32_t>(std::int32_t{1});
    EXPECT_THROW(pending.get(), TimeoutError);
    auto took = std::chrono::steady_clock::now() - start;
    EXPECT_GE(took, 290ms);
    EXPECT_LT(took, 2s);
}

// --- events ---------------------------------------------------------------------------------------

TEST_P(Engine, EventsAreTheSameInEveryForm) {
    EventLog log;
    auto o = one_node(test::main_port());
    o.on_event = log.handler();
    auto client = ClusterClient::connect(o);
    auto name = "engine_events_" + form_name(GetParam());
    run(*client, GetParam(), OpCode::CacheGetOrCreateWithName, cache_name(name));
    log.clear();
    run(*client, GetParam(), OpCode::CacheGet, cache_get(protocol::cache_id(name), Value(std::int32_t{1})));
    EXPECT_THROW(run(*client, GetParam(), OpCode::CacheGet, cache_get(protocol::cache_id("engine_no_such_cache"), Value(std::int32_t{1}))),
                 CacheError);
    auto events = log.of(OpCode::CacheGet);
    ASSERT_EQ(events.size(), 4u);
    EXPECT_EQ(events[0].kind, net::Event::Kind::QueryStarted);
    EXPECT_EQ(events[1].kind, net::Event::Kind::QuerySucceeded);
    EXPECT_GT(events[1].duration.count(), 0);
    EXPECT_EQ(events[2].kind, net::Event::Kind::QueryStarted);
    EXPECT_EQ(events[3].kind, net::Event::Kind::QueryFailed);
    EXPECT_GT(events[3].duration.count(), 0);
    EXPECT_NE(events[3].message.find(std::to_string(protocol::cache_id("engine_no_such_cache"))), std::string::npos) << events[3].message;
    for (const auto& e : events) EXPECT_EQ(e.endpoint, test::test_host() + ":" + std::to_string(test::main_port()));
    run(*client, GetParam(), OpCode::CacheDestroy, [id = protocol::cache_id(name)](protocol::ByteWriter& w, const protocol::ProtocolContext&) {
        w.write_i32(id);
    });
}

// --- topology refresh -------------------------------------------------------------------------------

// Creating a cache moves the affinity topology (minor version); the responses that report it
// reach the engine in every form, which reports TopologyChanged and drops its partition maps.
TEST_P(Engine, TopologyChangesAreNotedFromEveryForm) {
    EventLog log;
    ClientOptions o;
    o.endpoints = {Endpoint{test::test_host(), test::main_port(), 0}};
    o.on_event = log.handler();
    auto client = ClusterClient::connect(o);
    for (int i = 0; i < 3; ++i) run(*client, GetParam(), OpCode::CacheGetNames, no_payload());
    auto before = log.count(net::Event::Kind::TopologyChanged);
    auto name = "engine_topology_" + form_name(GetParam());
    run(*client, GetParam(), OpCode::CacheGetOrCreateWithName, cache_name(name));
    bool changed = false;
    for (int i = 0; i < 50 && !changed; ++i) {
        // Every connection reports the change on its next response.
        for (int k = 0; k < 6; ++k) run(*client, GetParam(), OpCode::CacheGetNames, no_payload());
        changed = log.count(net::Event::Kind::TopologyChanged) > before;
        if (!changed) std::this_thread::sleep_for(100ms);
    }
    EXPECT_TRUE(changed) << "no TopologyChanged after a cache was created";
    run(*client, GetParam(), OpCode::CacheDestroy, [id = protocol::cache_id(name)](protocol::ByteWriter& w, const protocol::ProtocolContext&) {
        w.write_i32(id);
    });
}

// --- retry policy: a node of the failover cluster is killed under requests in flight ------------

namespace {

// One client per (policy, form), each talking first to node 1 of the failover cluster through a
// proxy that holds its requests; the node is then killed (the proxy drops the connection when
// the node's side closes), so every client has a get and a non-repeatable replace in flight on
// a connection that dies.
struct Contestant {
    net::RetryPolicy policy;
    Form form;
    std::unique_ptr<test::CountingProxy> proxy;
    std::shared_ptr<ClusterClient> client;
    std::future<std::string> get, replace;
};

std::string outcome(ClusterClient& client, Form form, OpCode op, const net::PayloadWriter& payload) {
    try {
        auto r = run(client, form, op, payload);
        auto reader = r.reader();
        if (op == OpCode::CacheGet) return "value " + std::to_string(protocol::read_value(reader).get<std::int32_t>());
        return reader.read_bool() ? "true" : "false";
    } catch (const ConnectionError&) {
        return "ConnectionError";
    } catch (const std::exception& e) {
        return std::string("other: ") + e.what();
    }
}

// Restarts the killed node whatever the test's outcome.
struct Revive {
    std::string base_arg;
    bool killed = false;
    ~Revive() {
        if (killed) {
            EXPECT_EQ(test::cluster_sh("restart --node 1" + base_arg), 0);
        }
    }
};

}  // namespace

TEST(EngineRetry, PolicyDecidesWhatARequestCaughtByAKilledNodeBecomesInEveryForm) {
    test::FailoverClusterLock exclusive;
    const auto base = test::failover_port();
    const auto base_arg = " --base-port " + std::to_string(base);
    ASSERT_EQ(test::cluster_sh("status" + base_arg), 0) << "the failover cluster is not running";
    const std::string cache = "engine_retry";
    const auto cid = protocol::cache_id(cache);
    {
        // Replicated: the keys survive the node that dies.
        auto setup = ClusterClient::connect(one_node(static_cast<std::uint16_t>(base + 1)));
        protocol::CacheConfiguration cfg;
        cfg.name = cache;
        cfg.cache_mode = protocol::CacheMode::Replicated;
        cfg.write_synchronization_mode = protocol::WriteSynchronizationMode::FullSync;
        try {  // a cache left by an earlier run may have another configuration
            setup->request(OpCode::CacheDestroy, [cid](protocol::ByteWriter& w, const protocol::ProtocolContext&) { w.write_i32(cid); });
        } catch (const Error&) {
        }
        setup->request(OpCode::CacheGetOrCreateWithConfiguration,
                       [&cfg](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) { cfg.encode(w, ctx); });
    }
    Revive revive{base_arg};
    std::vector<Contestant> all;
    for (auto policy : {net::RetryPolicy::None, net::RetryPolicy::IdempotentOnly, net::RetryPolicy::All})
        for (auto form : {Form::Blocking, Form::Callback, Form::Pending}) {
            Contestant c{policy, form, std::make_unique<test::CountingProxy>(test::test_host(), base), nullptr, {}, {}};
            auto o = one_node(c.proxy->port());
            o.endpoints.push_back(Endpoint{test::test_host(), static_cast<std::uint16_t>(base + 1), 0});
            o.retry = policy;
            o.request_timeout = 20s;  // bounds the test if something goes wrong
            c.client = ClusterClient::connect(o);
            all.push_back(std::move(c));
        }
    // Each contestant's own key, set through the live node 2.
    auto setup = ClusterClient::connect(one_node(static_cast<std::uint16_t>(base + 1)));
    for (std::size_t i = 0; i < all.size(); ++i)
        setup->request(OpCode::CachePut, cache_put(cid, Value(static_cast<std::int32_t>(i)), Value(static_cast<std::int32_t>(100 + i))));
    for (std::size_t i = 0; i < all.size(); ++i) {
        auto& c = all[i];
        c.proxy->hold();
        auto before = c.proxy->requests();
        auto key = Value(static_cast<std::int32_t>(i));
        c.get = std::async(std::launch::async, [&c, cid, key] { return outcome(*c.client, c.form, OpCode::CacheGet, cache_get(cid, key)); });
        // replace_if_equals(key, 100+i -> 0): repeating it could report false after it succeeded.
        c.replace = std::async(std::launch::async, [&c, cid, key, i] {
            auto payload = [cid, key, i](protocol::ByteWriter& w, const protocol::ProtocolContext& ctx) {
                protocol::CacheHeader{cid, {}, {}}.encode(w, ctx);
                protocol::write_value(w, key);
                protocol::write_value(w, Value(static_cast<std::int32_t>(100 + i)));
                protocol::write_value(w, Value(static_cast<std::int32_t>(100 + i)));  // same value: idempotent in effect
            };
            return outcome(*c.client, c.form, OpCode::CacheReplaceIfEquals, payload);
        });
        for (int k = 0; k < 300 && c.proxy->requests() < before + 2; ++k) std::this_thread::sleep_for(10ms);
        ASSERT_GE(c.proxy->requests(), before + 2) << "requests never reached the proxy";
    }
    ASSERT_EQ(test::cluster_sh("kill --node 1" + base_arg), 0);
    revive.killed = true;
    for (auto& c : all) c.proxy->sever();  // as the node's death reaches each connection
    for (std::size_t i = 0; i < all.size(); ++i) {
        auto& c = all[i];
        auto what = "policy " + std::to_string(static_cast<int>(c.policy)) + ", form " + form_name(c.form);
        auto get = c.get.get();
        auto replace = c.replace.get();
        switch (c.policy) {
            case net::RetryPolicy::None:
                EXPECT_EQ(get, "ConnectionError") << what;
                EXPECT_EQ(replace, "ConnectionError") << what;
                break;
            case net::RetryPolicy::IdempotentOnly:
                EXPECT_EQ(get, "value " + std::to_string(100 + i)) << what;
                EXPECT_EQ(replace, "ConnectionError") << what;
                break;
            case net::RetryPolicy::All:
                EXPECT_EQ(get, "value " + std::to_string(100 + i)) << what;
                EXPECT_EQ(replace, "true") << what;
                break;
        }
        // Whatever the policy, the next operation goes to the live node.
        EXPECT_EQ(outcome(*c.client, c.form, OpCode::CacheGet, cache_get(cid, Value(static_cast<std::int32_t>(i)))),
                  "value " + std::to_string(100 + i))
            << what;
    }
    all.clear();
    setup->request(OpCode::CacheDestroy, [cid](protocol::ByteWriter& w, const protocol::ProtocolContext&) { w.write_i32(cid); });
}

// --- threads and locks ----------------------------------------------------------------------------

TEST(EngineThreads, OneIoThreadPerClientWithThreeConnections) {
    auto before = thread_count();
    ClientOptions o;
    for (int i = 0; i < 3; ++i) o.endpoints.push_back(Endpoint{"127.0.0.1", static_cast<std::uint16_t>(test::main_port() + i), 0});
    auto client = ClusterClient::connect(o);
    ASSERT_EQ(client->channels().size(), 3u);
    for (int i = 0; i < 10; ++i) client->request(OpCode::CacheGetNames, no_payload());
    auto during = thread_count();
    std::printf("[ threads ] %zu before the client, %zu with 3 connections open\n", before, during);
    EXPECT_LE(during - before, 2u);
    client->close();
    client.reset();
    EXPECT_EQ(thread_count(), before) << "the client's thread outlived it";
}

TEST(EngineThreads, AUsersExecutorRunsEveryConnection) {
    asio::io_context io;
    auto guard = asio::make_work_guard(io);
    std::thread runner([&] { io.run(); });
    auto before = thread_count();
    ClientOptions o;
    for (int i = 0; i < 3; ++i) o.endpoints.push_back(Endpoint{"127.0.0.1", static_cast<std::uint16_t>(test::main_port() + i), 0});
    auto client = net::connect(o, io.get_executor());
    ASSERT_EQ(client->channels().size(), 3u);
    EXPECT_EQ(thread_count(), before) << "the client started threads of its own";
    std::thread::id ran_on;
    std::promise<void> done;
    client->request_async(OpCode::CacheGetNames, no_payload(), {}, [&](Response r) {
        ran_on = std::this_thread::get_id();
        EXPECT_EQ(r.failure(), Response::Failure::None);
        done.set_value();
    });
    done.get_future().get();
    EXPECT_EQ(ran_on, runner.get_id());
    client->close();
    client.reset();
    guard.reset();
    runner.join();  // nothing of the client is left on the executor
}

// Connecting never holds a lock: while the client is connecting to a node that accepts TCP and
// never answers the handshake, another thread starts (and ends) a transaction at once.
TEST(EngineThreads, ATransactionIsNotBlockedByAConnectToASilentNode) {
    SilentListener silent;
    ClientOptions o;
    o.endpoints = {Endpoint{"127.0.0.1", test::main_port(), 0}, Endpoint{"127.0.0.1", silent.port(), 0}};
    o.partition_awareness = true;
    o.discover_nodes = false;
    o.handshake_timeout = 3s;
    auto t0 = std::chrono::steady_clock::now();
    auto client = ClusterClient::connect(o);
    std::printf("[ silent  ] connect took %lld ms (the silent node's handshake timeout is 3000 ms)\n",
                static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count()));
    ASSERT_EQ(client->channels().size(), 1u);
    // The background reconnect tries the silent node again (its handshake then hangs for 3 s).
    auto accepted = silent.accepted();
    for (int i = 0; i < 300 && silent.accepted() == accepted; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_GT(silent.accepted(), accepted) << "the client did not reconnect to the silent node";
    std::this_thread::sleep_for(100ms);  // well inside that handshake
    auto tx = std::async(std::launch::async, [&] {
        auto start = std::chrono::steady_clock::now();
        auto ch = client->acquire_channel();
        net::Route pinned;
        pinned.channel = ch;
        auto r = client->request(OpCode::TxStart, [](protocol::ByteWriter& w, const protocol::ProtocolContext&) {
            protocol::encode_tx_start(w, protocol::TxConcurrency::Pessimistic, protocol::TxIsolation::RepeatableRead, 0, "engine");
        }, pinned);
        auto id = r.reader().read_i32();
        client->request(OpCode::TxEnd, [id](protocol::ByteWriter& w, const protocol::ProtocolContext&) { protocol::encode_tx_end(w, id, false); },
                        pinned);
        return std::chrono::steady_clock::now() - start;
    });
    ASSERT_EQ(tx.wait_for(2500ms), std::future_status::ready) << "the transaction waited for the connect";
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(tx.get());
    std::printf("[ silent  ] TxStart + TxEnd during the connect: %lld ms\n", static_cast<long long>(took.count()));
    EXPECT_LT(took, 500ms);
    // Closing does not wait for the hanging handshake either.
    auto c0 = std::chrono::steady_clock::now();
    client->close();
    EXPECT_LT(std::chrono::steady_clock::now() - c0, 1s);
}

// A blocking get loop on one node (a number to compare, not a pass/fail threshold).
TEST(EngineSpeed, BlockingGetLoop) {
    auto client = ClusterClient::connect(one_node(test::main_port()));
    const std::string cache = "engine_speed";
    client->request(OpCode::CacheGetOrCreateWithName, cache_name(cache));
    auto cid = protocol::cache_id(cache);
    client->request(OpCode::CachePut, cache_put(cid, Value(std::int32_t{1}), Value(std::int32_t{2})));
    const int n = 20000;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) client->request(OpCode::CacheGet, cache_get(cid, Value(std::int32_t{1})));
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("[ speed   ] %d blocking gets: %.0f ops/s\n", n, n / secs);
    EXPECT_GT(n / secs, 1000.0);
}
