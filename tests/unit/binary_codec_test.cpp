#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <vector>

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/civil_time.hpp"
#include "kindling/protocol/java_hash.hpp"
#include "kindling/protocol/time_zone.hpp"

using namespace kindling;
using kindling::protocol::ByteReader;
using kindling::protocol::ByteWriter;

namespace {

std::vector<std::uint8_t> encode(const Value& v) {
    ByteWriter w;
    protocol::write_value(w, v);
    return std::move(w).take();
}

Value decode(const std::vector<std::uint8_t>& bytes) {
    ByteReader r(bytes);
    auto v = protocol::read_value(r);
    EXPECT_TRUE(r.at_end()) << "trailing bytes after " << v.to_string();
    return v;
}

// Every proper prefix of a valid encoding must fail cleanly (as if bytes were still arriving),
// and the whole encoding must decode to the original value.
void expect_round_trip(const Value& v, const std::vector<std::uint8_t>& golden) {
    auto bytes = encode(v);
    EXPECT_EQ(bytes, golden) << v.to_string();
    EXPECT_EQ(decode(golden), v) << v.to_string();
    for (std::size_t n = 0; n < golden.size(); ++n) {
        std::vector<std::uint8_t> prefix(golden.begin(), golden.begin() + static_cast<std::ptrdiff_t>(n));
        ByteReader r(prefix);
        EXPECT_THROW(protocol::read_value(r), ProtocolError) << v.to_string() << " prefix " << n;
    }
}

}  // namespace

TEST(BinaryCodec, PrimitivesHaveTheJavaLayout) {
    expect_round_trip(std::int8_t{-2}, {1, 0xFE});
    expect_round_trip(std::int16_t{0x1234}, {2, 0x34, 0x12});
    expect_round_trip(std::int32_t{-1}, {3, 0xFF, 0xFF, 0xFF, 0xFF});
    expect_round_trip(std::int64_t{0x0102030405060708}, {4, 8, 7, 6, 5, 4, 3, 2, 1});
    expect_round_trip(1.0f, {5, 0, 0, 0x80, 0x3F});
    expect_round_trip(-2.0, {6, 0, 0, 0, 0, 0, 0, 0, 0xC0});
    expect_round_trip(Char{u'a'}, {7, 'a', 0});
    expect_round_trip(true, {8, 1});
    expect_round_trip(Value{}, {101});
}

TEST(BinaryCodec, StringsAreUtf8WithByteLength) {
    expect_round_trip(std::string("h\xC3\xA9"), {9, 3, 0, 0, 0, 'h', 0xC3, 0xA9});
    expect_round_trip(std::string(), {9, 0, 0, 0, 0});
}

TEST(BinaryCodec, UuidDateTimestampTime) {
    auto u = *Uuid::parse("00112233-4455-6677-8899-aabbccddeeff");
    EXPECT_EQ(u.to_string(), "00112233-4455-6677-8899-aabbccddeeff");
    expect_round_trip(u, {10, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00, 0xFF, 0xEE, 0xDD, 0xCC, 0xBB, 0xAA, 0x99, 0x88});
    expect_round_trip(Date{1000}, {11, 0xE8, 3, 0, 0, 0, 0, 0, 0});
    expect_round_trip(Timestamp{1, 999999}, {33, 1, 0, 0, 0, 0, 0, 0, 0, 0x3F, 0x42, 0x0F, 0});
    expect_round_trip(Time{3600000}, {36, 0x80, 0xEE, 0x36, 0, 0, 0, 0, 0});
    EXPECT_EQ(Value(Timestamp{1700000000123, 456000}).to_string(), "2023-11-14 22:13:20.123456");
}

TEST(BinaryCodec, DecimalsUseSignBitOnMagnitude) {
    // 128 needs a leading zero byte so the sign bit stays clear; -128 sets it on that byte.
    expect_round_trip(Decimal::from_int64(128, 2), {30, 2, 0, 0, 0, 2, 0, 0, 0, 0x00, 0x80});
    expect_round_trip(Decimal::from_int64(-128, 2), {30, 2, 0, 0, 0, 2, 0, 0, 0, 0x80, 0x80});
    expect_round_trip(Decimal::from_int64(-5, 0), {30, 0, 0, 0, 0, 1, 0, 0, 0, 0x85});
    EXPECT_EQ(Decimal::from_int64(-128, 2).to_string(), "-1.28");
    EXPECT_EQ(Decimal::parse("-12.50")->to_string(), "-12.50");
    EXPECT_EQ(Decimal::parse("1e3")->to_string(), "1000");
    EXPECT_EQ(Decimal::parse("0.001")->scale, 3);
}

TEST(BinaryCodec, ArraysCollectionsMaps) {
    expect_round_trip(IntArray{1, -1}, {14, 2, 0, 0, 0, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF});
    expect_round_trip(ByteArray{1, -1}, {12, 2, 0, 0, 0, 1, 0xFF});
    expect_round_trip(BoolArray{{1, 0}}, {19, 2, 0, 0, 0, 1, 0});
    expect_round_trip(TypedArray{TypeCode::String, 0, {Value("a"), Value{}}},
                      {20, 2, 0, 0, 0, 9, 1, 0, 0, 0, 'a', 101});
    expect_round_trip(Collection{CollectionKind::ArrayList, {Value(std::int32_t{7})}},
                      {24, 1, 0, 0, 0, 1, 3, 7, 0, 0, 0});
    expect_round_trip(Map{MapKind::HashMap, {MapEntry{Value("k"), Value(true)}}},
                      {25, 1, 0, 0, 0, 1, 9, 1, 0, 0, 0, 'k', 8, 1});
    expect_round_trip(ObjectArray{-1, "", {Value(std::int8_t{1})}}, {23, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, 0, 0, 1, 1});
}

TEST(BinaryCodec, MalformedInputIsAProtocolErrorNotACrash) {
    // Unknown type code, negative length, a length larger than the data.
    for (const auto& bad : std::vector<std::vector<std::uint8_t>>{
             {0x7F}, {9, 0xFF, 0xFF, 0xFF, 0xFF}, {12, 0xFF, 0xFF, 0xFF, 0x7F, 1}, {24, 5, 0, 0, 0, 1},
             {103, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0}}) {
        ByteReader r(bad);
        EXPECT_THROW(protocol::read_value(r), ProtocolError);
    }
}

TEST(JavaHash, MatchesJavaStringHashCode) {
    EXPECT_EQ(protocol::java_string_hash("abc"), 96354);
    EXPECT_EQ(protocol::java_string_hash(""), 0);
    // "😀" is the surrogate pair D83D DE00 in Java: 31*0xD83D + 0xDE00.
    EXPECT_EQ(protocol::java_string_hash("\xF0\x9F\x98\x80"), 31 * 0xD83D + 0xDE00);
    EXPECT_EQ(protocol::type_id("Person"), protocol::java_string_hash("person"));
    EXPECT_EQ(protocol::cache_id("myCache"), protocol::java_string_hash("myCache"));
}

TEST(JavaHash, PrimitiveKeysHashLikeTheirJavaBoxes) {
    EXPECT_EQ(protocol::java_hash(std::int64_t{-1}), 0);                  // Long.hashCode(-1)
    EXPECT_EQ(protocol::java_hash(std::int64_t{1LL << 32}), 1);
    EXPECT_EQ(protocol::java_hash(true), 1231);
    EXPECT_EQ(protocol::java_hash(1.0), 1072693248);                      // Double.hashCode(1.0)
    EXPECT_EQ(protocol::java_hash(Decimal::from_int64(1, 1)), 31 * 1 + 1);  // new BigDecimal("0.1")
    EXPECT_EQ(protocol::java_hash(Decimal::from_int64(-1, 0)), -31);
}

// SQL DATE values come back as java.sql.Date through the optimized marshaller (bytes captured from
// an Ignite 2.17 node answering SELECT of DATE '2024-01-02').
TEST(BinaryCodec, SqlDateFromTheOptimizedMarshaller) {
    std::vector<std::uint8_t> blob{0xfe, 0x0f, 0, 0, 0, 0x66, 0x3a, 0xde, 0xd5, 0x40, 0x97, 0x66,
                                   0x00, 0x50, 0x78, 0xc7, 0x8c, 0x01, 0x00, 0x00};
    EXPECT_EQ(decode(blob), Value(Date{1704153600000}));
    blob[6] ^= 1;  // another class: not readable, and said so
    ByteReader r(blob);
    EXPECT_THROW(protocol::read_value(r), ProtocolError);
}

// Zone offsets from the system's TZif files: standard and summer time, and the wall-clock times
// that a DST change skips or repeats (resolved as java.util.Calendar does).
TEST(TimeZone, NewYorkOffsetsGapsAndOverlaps) {
    std::ifstream in("/usr/share/zoneinfo/America/New_York", std::ios::binary);
    if (!in) GTEST_SKIP() << "no tzdata on this machine";
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto z = protocol::TimeZone::parse(bytes, "America/New_York");
    auto ms = [](int y, unsigned m, unsigned d, unsigned h, unsigned mi) {
        return protocol::millis_from_civil(protocol::CivilTime{y, m, d, h, mi, 0, 0});
    };
    EXPECT_EQ(z.offset_at(ms(2024, 1, 15, 12, 0)), -5 * 3600'000LL);
    EXPECT_EQ(z.offset_at(ms(2024, 7, 1, 12, 0)), -4 * 3600'000LL);
    EXPECT_EQ(z.to_utc(ms(2024, 1, 15, 0, 0)), ms(2024, 1, 15, 5, 0));
    EXPECT_EQ(z.to_utc(ms(2024, 7, 1, 12, 0)), ms(2024, 7, 1, 16, 0));
    EXPECT_EQ(z.to_utc(ms(2024, 3, 10, 2, 30)), ms(2024, 3, 10, 7, 30));  // skipped: shown as 03:30 EDT
    EXPECT_EQ(z.to_utc(ms(2024, 11, 3, 1, 30)), ms(2024, 11, 3, 5, 30));  // repeated: the first (EDT) one
    EXPECT_EQ(z.to_local(ms(2024, 11, 3, 6, 30)), ms(2024, 11, 3, 1, 30));  // the second one, EST
    EXPECT_FALSE(z.is_utc());
    std::vector<std::uint8_t> junk{'T', 'Z', 'i', 'f', '2'};
    EXPECT_THROW(protocol::TimeZone::parse(junk, "junk"), ProtocolError);
}
