// The client connector's ODBC flavour, byte for byte: every request below is what Kindling sends
// and every reply is what a live Apache Ignite 2.17.0 node answered to it (captured once with a
// socket probe against tests/cluster, H2 engine).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/odbc_messages.hpp"
#include "metadata.hpp"

namespace odbc_flavour = kindling::protocol::odbc_flavour;
using kindling::TypeCode;
using kindling::Value;

namespace {
std::vector<std::uint8_t> hex(const std::string& h) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(h.substr(i, 2), nullptr, 16)));
    return out;
}
}  // namespace

TEST(OdbcFlavour, HandshakeAt2_13WithoutCredentials) {
    // code 1, version 2.13.0, client type 0, six flags, user/password NULL, nested tx 3, engine NULL
    EXPECT_EQ(odbc_flavour::encode_handshake({}), hex("120000000102000d0000000000000000000065650365"));
    EXPECT_TRUE(odbc_flavour::decode_handshake(hex("01")).success);
}

TEST(OdbcFlavour, HandshakeWithCredentialsAndItsRefusal) {
    odbc_flavour::Handshake h;
    h.lazy = true;
    h.username = "ignite";
    h.password = "pw";
    EXPECT_EQ(odbc_flavour::encode_handshake(h), hex("220000000102000d00000000000000000100090600000069676e6974650902000000707703" "65"));
    // A refusal: version offered, message, status 2000 (authentication failed).
    auto r = odbc_flavour::decode_handshake(hex("00000000000000" "0904000000" "6e6f7065" "d0070000"));
    EXPECT_FALSE(r.success);
    EXPECT_EQ(r.message, "nope");
    EXPECT_EQ(r.status, 2000);
}

TEST(OdbcFlavour, ResultSetMetadataOfAnExpression) {
    EXPECT_EQ(odbc_flavour::encode_result_set_metadata_request("PUBLIC", "SELECT X*1.5 FROM SYSTEM_RANGE(1,3)"),
              hex("340000000b09060000005055424c4943092300000053454c45435420582a312e352046524f4d2053595354454d5f52414e474528312c3329"));
    auto cols = odbc_flavour::decode_result_set_metadata(
        hex("000000000100000009000000000900000000090700000058202a20312e351e130000000100000002"));
    ASSERT_EQ(cols.size(), 1u);
    EXPECT_EQ(cols[0].column, "X * 1.5");
    EXPECT_EQ(cols[0].table, "");
    EXPECT_EQ(cols[0].type, TypeCode::Decimal);
    EXPECT_EQ(cols[0].precision, 19);
    EXPECT_EQ(cols[0].scale, 1);
    EXPECT_EQ(cols[0].nullability, 2);
}

TEST(OdbcFlavour, ParameterTypes) {
    auto types = odbc_flavour::decode_parameters_metadata(hex("000000000c020000000909"));
    EXPECT_EQ(types, (std::vector<TypeCode>{TypeCode::String, TypeCode::String}));
}

TEST(OdbcFlavour, AnErrorReplyIsTheServersSqlError) {
    auto reply = hex("e9030000098c00000053796e746178206572726f7220696e2053514c2073746174656d656e74202253454c45435b2a5d2031223b20657870"
                     "6563746564202253454c4543542c205345542c2053415645504f494e542c205343524950542c2053485554444f574e2c2053484f572c207b"
                     "223b2053514c2073746174656d656e743a0a53454c45432031205b34323030312d3139375d");
    try {
        odbc_flavour::decode_result_set_metadata(reply);
        FAIL() << "a status of 1001 must throw";
    } catch (const kindling::SqlError& e) {
        EXPECT_EQ(e.server_status(), 1001);  // PARSING
        EXPECT_EQ(e.sqlstate(), "42000");
        EXPECT_NE(std::string(e.what()).find("Syntax error"), std::string::npos);
    }
}

TEST(OdbcFlavour, BatchRequestAndPerRowCounts) {
    std::vector<std::vector<Value>> rows{{Value(std::int32_t(7)), Value(std::int32_t(1))}, {Value(std::int32_t(-5)), Value(std::int32_t(2))}};
    odbc_flavour::BatchRequest req;
    req.sql = "INSERT INTO T4 (ID, V) VALUES (?, ?)";
    req.params_per_row = 2;
    req.rows = rows;
    EXPECT_EQ(odbc_flavour::encode_batch(req),
              hex("570000000809060000005055424c49430924000000494e5345525420494e544f205434202849442c2056292056414c55455320283f2c203f2902"
                  "000000020000000103070000000301000000" "03fbffffff03020000000000000001"));
    auto ok = odbc_flavour::decode_batch(hex("00000000010200000001000000000000000100000000000000"));
    EXPECT_TRUE(ok.success);
    EXPECT_EQ(ok.affected, (std::vector<std::int64_t>{1, 1}));
    // The same rows again: the first key exists, so row 1 fails (-3) and row 2 is applied.
    auto dup = odbc_flavour::decode_batch(
        hex("000000000002000000fdffffffffffffff0100000000000000ffffffffffffffff09470000004661696c656420746f20494e5345525420736f6d65206b6579"
            "73206265636175736520746865792061726520616c726561647920696e206361636865205b6b6579733d5b375d5da10f0000"));
    EXPECT_FALSE(dup.success);
    EXPECT_EQ(dup.affected, (std::vector<std::int64_t>{-3, 1}));
    EXPECT_EQ(dup.error, "Failed to INSERT some keys because they are already in cache [keys=[7]]");
    EXPECT_EQ(dup.error_code, 4001);  // DUPLICATE_KEY
}

TEST(OdbcFlavour, RepliesCutShortAreProtocolErrors) {
    auto full = hex("000000000100000009000000000900000000090700000058202a20312e351e130000000100000002");
    for (std::size_t n = 0; n < full.size(); ++n) {
        std::vector<std::uint8_t> cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
        EXPECT_THROW(odbc_flavour::decode_result_set_metadata(cut), kindling::ProtocolError) << n << " bytes";
    }
}

TEST(InsertTarget, MarkersMapToTheColumnsTheyAreTheWholeValueOf) {
    auto t = kindling::odbc::insert_target("INSERT INTO s.T (A, \"b\", C) VALUES (?, ?, UPPER(?)), (?, 1, ?)", "PUBLIC");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->schema, "S");
    EXPECT_EQ(t->table, "T");
    EXPECT_EQ(t->marker_columns, (std::vector<std::string>{"A", "b", "", "A", "C"}));
    EXPECT_FALSE(kindling::odbc::insert_target("UPDATE T SET A = ?", "PUBLIC"));
    auto merge = kindling::odbc::insert_target("MERGE INTO T KEY (ID) (ID, V) VALUES (?, ?)", "PUBLIC");
    ASSERT_TRUE(merge);
    EXPECT_EQ(merge->schema, "PUBLIC");
    EXPECT_EQ(merge->marker_columns, (std::vector<std::string>{"ID", "V"}));
}
