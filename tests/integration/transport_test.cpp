// The transport against real Ignite nodes: handshake, TLS, authentication, failures, concurrency.
#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <thread>

#include "kindling/net/channel.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/sql_fields_query.hpp"
#include "test_env.hpp"

using namespace kindling;
using kindling::net::ClientOptions;
using kindling::net::ClusterClient;
using kindling::net::Endpoint;
using kindling::net::TlsMode;

namespace {

ClientOptions options_for(std::uint16_t port) {
    ClientOptions o;
    o.endpoints = {Endpoint{test::test_host(), port, 0}};
    o.connect_timeout = std::chrono::milliseconds(5000);
    return o;
}

// SELECT <expr> through the SQL fields op; returns the single cell.
Value select_one(ClusterClient& client, const std::string& expr) {
    protocol::SqlFieldsQuery q;
    q.sql = "SELECT " + expr;
    auto resp = client.request(OpCode::QuerySqlFields,
                               [&](protocol::ByteWriter& w, const protocol::ProtocolContext& c) { q.encode(w, c); });
    auto r = resp.reader();
    auto first = protocol::decode_sql_fields_response(r, true);
    EXPECT_EQ(first.page.row_count(), 1u);
    return first.page.at(0, 0);
}

}  // namespace

TEST(Transport, HandshakeNegotiatesTheNewestProtocol) {
    auto client = ClusterClient::connect(options_for(test::main_port()));
    auto ctx = client->default_context();
    EXPECT_EQ(ctx.version, (protocol::ProtocolVersion{1, 7, 0}));
    EXPECT_TRUE(ctx.has(protocol::Feature::ClusterStates));
    EXPECT_EQ(select_one(*client, "40 + 2"), Value(std::int32_t{42}));
}

TEST(Transport, ServerErrorsKeepTheConnectionUsable) {
    auto client = ClusterClient::connect(options_for(test::main_port()));
    try {
        select_one(*client, "* FROM no_such_table_xyz");
        FAIL() << "expected an SQL error";
    } catch (const SqlError& e) {
        EXPECT_EQ(e.sqlstate(), "42S02") << e.what();
        EXPECT_NE(std::string(e.what()).find("NO_SUCH_TABLE_XYZ"), std::string::npos) << e.what();
    }
    EXPECT_EQ(select_one(*client, "'still here'"), Value("still here"));
}

// One engine, every Asio completion style: a callback bound to the caller's io_context runs there,
// use_future, and C++20 coroutines with many requests in flight; a server error is an error code
// whose Response carries the server's message, and the connection stays usable.
TEST(Transport, AsioCompletionTokensCallbacksFuturesAndCoroutines) {
    namespace asio = boost::asio;
    auto client = ClusterClient::connect(options_for(test::main_port()));
    auto ch = client->acquire_channel();
    auto no_payload = [](protocol::ByteWriter&, const protocol::ProtocolContext&) {};
    protocol::SqlFieldsQuery q;
    q.sql = "SELECT 40 + 2";
    auto select = [&q](protocol::ByteWriter& w, const protocol::ProtocolContext& c) { q.encode(w, c); };

    asio::io_context ctx;
    std::thread::id ran_on;
    boost::system::error_code got;
    ch->async_request(OpCode::CacheGetNames, no_payload,
                      asio::bind_executor(ctx, [&](boost::system::error_code ec, net::Response) {
                          got = ec;
                          ran_on = std::this_thread::get_id();
                      }));
    ctx.run();
    EXPECT_FALSE(got) << got.message();
    EXPECT_EQ(ran_on, std::this_thread::get_id()) << "the handler did not run on its associated executor";

    auto fut = ch->async_request(OpCode::QuerySqlFields, select, asio::use_future);
    auto resp = fut.get();
    auto r = resp.reader();
    EXPECT_EQ(protocol::decode_sql_fields_response(r, true).page.at(0, 0), Value(std::int32_t{42}));

    ctx.restart();
    int answered = 0;
    std::string server_message;
    for (int i = 0; i < 50; ++i)  // 50 coroutines: 50 requests in flight on the one connection
        asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
            auto [ec, res] = co_await ch->async_request(OpCode::QuerySqlFields, select, asio::as_tuple(asio::use_awaitable));
            if (!ec) ++answered;
        }, asio::detached);
    asio::co_spawn(ctx, [&]() -> asio::awaitable<void> {
        protocol::SqlFieldsQuery bad;
        bad.sql = "SELECT * FROM no_such_table_for_tokens";
        auto [ec, res] = co_await ch->async_request(OpCode::QuerySqlFields,
                                                    [&](protocol::ByteWriter& w, const protocol::ProtocolContext& c) { bad.encode(w, c); },
                                                    asio::as_tuple(asio::use_awaitable));
        EXPECT_EQ(ec, net::Errc::server_error);
        server_message = res.message();
    }, asio::detached);
    ctx.run();
    EXPECT_EQ(answered, 50);
    EXPECT_NE(server_message.find("NO_SUCH_TABLE_FOR_TOKENS"), std::string::npos) << server_message;
    EXPECT_EQ(select_one(*client, "'still here'"), Value("still here"));
}

TEST(Transport, ManyThreadsShareOneConnection) {
    auto o = options_for(test::main_port());
    o.partition_awareness = false;
    auto client = ClusterClient::connect(o);
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 125; ++i) {
                auto n = t * 1000 + i;
                if (select_one(*client, std::to_string(n)) == Value(std::int32_t{n})) ++ok;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), 1000);
}

TEST(Transport, UnreachablePortIsAConnectionError) {
    auto o = options_for(1);  // nothing listens on port 1
    EXPECT_THROW(ClusterClient::connect(o), ConnectionError);
}

TEST(Transport, FirstReachableEndpointWins) {
    ClientOptions o = options_for(test::main_port());
    o.endpoints.insert(o.endpoints.begin(), Endpoint{"127.0.0.1", 1, 0});
    auto client = ClusterClient::connect(o);
    EXPECT_EQ(select_one(*client, "1"), Value(std::int32_t{1}));
}

class Tls : public ::testing::Test {
protected:
    ClientOptions tls_options() {
        auto o = options_for(test::ssl_port());
        auto dir = test::cert_dir(test::ssl_port());
        o.tls.mode = TlsMode::Enabled;
        o.tls.ca_file = dir + "/ca.pem";
        o.tls.cert_file = dir + "/client.pem";
        o.tls.key_file = dir + "/client.key";
        return o;
    }
};

TEST_F(Tls, ConnectsWithTheGeneratedCertificates) {
    auto client = ClusterClient::connect(tls_options());
    EXPECT_EQ(select_one(*client, "'tls'"), Value("tls"));
}

TEST_F(Tls, UntrustedServerCertificateFails) {
    auto o = tls_options();
    o.tls.ca_file = test::cert_dir(test::ssl_port()) + "/untrusted-ca.pem";
    try {
        ClusterClient::connect(o);
        FAIL() << "expected a TLS error";
    } catch (const TlsError& e) {
        EXPECT_NE(std::string(e.what()).find("certificate verify failed"), std::string::npos) << e.what();
    }
}

TEST_F(Tls, NoCaMeansTheSystemStoreWhichRejectsTheTestCa) {
    auto o = tls_options();
    o.tls.ca_file.clear();
    EXPECT_THROW(ClusterClient::connect(o), TlsError);
}

TEST_F(Tls, MissingClientCertificateFails) {
    auto o = tls_options();
    o.tls.cert_file.clear();
    o.tls.key_file.clear();
    try {
        ClusterClient::connect(o);
        FAIL() << "expected a TLS error";
    } catch (const TlsError& e) {
        EXPECT_NE(std::string(e.what()).find("client certificate"), std::string::npos) << e.what();
    }
}

TEST(Auth, RightPasswordConnectsWrongPasswordIsAnAuthenticationError) {
    auto o = options_for(test::auth_port());
    o.username = "ignite";
    o.password = "ignite";
    o.tls.mode = TlsMode::Disabled;  // the auth test cluster has no TLS: an explicit choice
    auto client = ClusterClient::connect(o);
    EXPECT_EQ(select_one(*client, "1"), Value(std::int32_t{1}));

    o.password = "wrong";
    try {
        ClusterClient::connect(o);
        FAIL() << "expected an authentication error";
    } catch (const AuthenticationError& e) {
        EXPECT_EQ(e.server_status(), status::auth_failed);
        EXPECT_NE(std::string(e.what()).find("password is incorrect"), std::string::npos) << e.what();
    }
}

TEST(Auth, CredentialsTurnTlsOnUnlessSwitchedOff) {
    auto o = options_for(test::auth_port());
    o.username = "ignite";
    o.password = "ignite";  // TlsMode::Auto: TLS on, and this node speaks plain TCP
    try {
        ClusterClient::connect(o);
        FAIL() << "expected a TLS error";
    } catch (const TlsError& e) {
        EXPECT_NE(std::string(e.what()).find("TlsMode::Disabled"), std::string::npos) << e.what();
    }
}
