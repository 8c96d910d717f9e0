#include <gtest/gtest.h>

#include <stdexcept>

#include "kindling/net/endpoint.hpp"

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
