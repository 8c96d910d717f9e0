#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "kindling/kvapi/client.hpp"
#include "kindling/net/client_options.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/net/endpoint.hpp"
#include "kindling/protocol/errors.hpp"

using kindling::net::ClientOptions;
using kindling::net::ClusterClient;
using kindling::net::Endpoint;

TEST(EndpointList, DefaultsPortAndSplitsOnCommas) {
    auto eps = Endpoint::parse_list(" 10.0.0.1 , 10.0.0.2:10801,localhost:10900..10902");
    ASSERT_EQ(eps.size(), 3u);
    EXPECT_EQ(eps[0], (Endpoint{"10.0.0.1", 10800, 0}));
    EXPECT_EQ(eps[1], (Endpoint{"10.0.0.2", 10801, 0}));
    EXPECT_EQ(eps[2], (Endpoint{"localhost", 10900, 10902}));
    EXPECT_EQ(eps[2].to_string(), "localhost:10900..10902");
}

TEST(EndpointList, AcceptsBracketedIpv6) {
    auto eps = Endpoint::parse_list("[::1]:10905,[::1]");
    ASSERT_EQ(eps.size(), 2u);
    EXPECT_EQ(eps[0].host, "::1");
    EXPECT_EQ(eps[0].port, 10905);
    EXPECT_EQ(eps[1].port, 10800);
    EXPECT_EQ(eps[0].to_string(), "[::1]:10905");
}

TEST(EndpointList, RejectsBadPortsWithTheOffendingText) {
    EXPECT_THROW(Endpoint::parse_list("host:0"), std::invalid_argument);
    EXPECT_THROW(Endpoint::parse_list("host:70000"), std::invalid_argument);
    EXPECT_THROW(Endpoint::parse_list("host:12ab"), std::invalid_argument);
    EXPECT_THROW(Endpoint::parse_list("host:10810..10800"), std::invalid_argument);
    EXPECT_THROW(Endpoint::parse_list(" , "), std::invalid_argument);
    try {
        Endpoint::parse_list("a:1,b:x");
        FAIL() << "expected an error";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("'x'"), std::string::npos) << e.what();
    }
}

// Issue 14: no default address anywhere in the API. A default 127.0.0.1:10800 in the list let
// endpoints.push_back(...) connect to whatever listens there (the quickstart's node) as well.
TEST(EndpointList, NothingIsADefaultAddress) {
    EXPECT_TRUE(ClientOptions{}.endpoints.empty());
    EXPECT_TRUE(Endpoint{}.host.empty());
    EXPECT_EQ(Endpoint{}.port, 0);
    EXPECT_THROW(Endpoint::parse_list(""), std::invalid_argument);
}

namespace {
std::string connect_error(const ClientOptions& o) {
    try {
        (void)ClusterClient::connect(o);
    } catch (const kindling::ConnectionError& e) {
        return e.what();
    }
    return "(connected)";
}
}  // namespace

TEST(EndpointList, ConnectingToNoEndpointsSaysSo) {
    EXPECT_NE(connect_error(ClientOptions{}).find("no endpoints given"), std::string::npos) << connect_error(ClientOptions{});
    kindling::kvapi::Client client;
    try {
        client.connect(std::vector<Endpoint>{});
        FAIL() << "expected an error";
    } catch (const kindling::ConnectionError& e) {
        EXPECT_NE(std::string(e.what()).find("no endpoints given"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(client.connected());
}

TEST(EndpointList, AnEndpointThatNamesNoNodeIsRejectedBeforeConnecting) {
    ClientOptions o;
    o.endpoints = {Endpoint{}};
    EXPECT_NE(connect_error(o).find("has no host"), std::string::npos) << connect_error(o);
    o.endpoints = {Endpoint{"127.0.0.1", 0, 0}};
    EXPECT_NE(connect_error(o).find("has no port"), std::string::npos) << connect_error(o);
    o.endpoints = {Endpoint{"127.0.0.1", 10902, 10900}};
    EXPECT_NE(connect_error(o).find("reversed port range"), std::string::npos) << connect_error(o);
}
