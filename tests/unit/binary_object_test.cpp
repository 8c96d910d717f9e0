#include <gtest/gtest.h>

#include <cstring>

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/binary_object.hpp"
#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/java_hash.hpp"

using namespace kindling;
using namespace kindling::protocol;

TEST(BinaryObject, BuilderLayoutAndReader) {
    auto obj = BinaryObjectBuilder("PersonKey").set("personId", 1).set("companyId", 7).build();
    const auto& b = obj.bytes;
    ASSERT_EQ(b[0], 103);
    EXPECT_EQ(b[1], 1);
    // USER_TYPE | HAS_SCHEMA | OFFSET_ONE_BYTE | COMPACT_FOOTER, as Java writes it.
    EXPECT_EQ(b[2] | (b[3] << 8), 0x0001 | 0x0002 | 0x0008 | 0x0020);
    EXPECT_EQ(obj.type_id(), type_id("PersonKey"));
    // Field data: two Int objects, hashed as Java's BinaryArrayIdentityResolver does (start 1, signed bytes).
    std::vector<std::uint8_t> data{3, 1, 0, 0, 0, 3, 7, 0, 0, 0};
    EXPECT_EQ(obj.hash_code(), binary_hash(data));
    EXPECT_EQ(b.size(), 24u + data.size() + 2);
    // Bytes captured from an Ignite 2.17 node for the same key written by SQL (type "DbgPKey").
    auto java = BinaryObjectBuilder("DbgPKey").set("PERSONID", 1).set("COMPANYID", 1).build();
    EXPECT_EQ(java.bytes, (std::vector<std::uint8_t>{0x67, 0x01, 0x2b, 0x00, 0x18, 0x0f, 0x0a, 0x57, 0x01, 0x30, 0x30, 0x06,
                                                     0x24, 0x00, 0x00, 0x00, 0x55, 0xf4, 0x0f, 0xd0, 0x22, 0x00, 0x00, 0x00,
                                                     0x03, 0x01, 0x00, 0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x00, 0x18, 0x1d}));
    auto meta = BinaryObjectBuilder("PersonKey").set("personId", 1).set("companyId", 7).metadata();
    BinaryObjectReader r(obj, &meta);
    EXPECT_EQ(r.field("companyId"), Value(std::int32_t{7}));
    EXPECT_EQ(r.field("personId"), Value(std::int32_t{1}));
    EXPECT_EQ(r.field("nope"), std::nullopt);
}

TEST(BinaryObject, SchemaIdIsFnv1OverFieldIds) {
    EXPECT_EQ(schema_id({}), 0);
    // FNV-1 of the 4 little-endian bytes of id 1: ((((0x811C9DC5 ^ 1) * p) ^ 0) * p ...).
    std::uint32_t h = 0x811C9DC5u;
    for (std::uint32_t byte : {1u, 0u, 0u, 0u}) {
        h ^= byte;
        h *= 0x01000193u;
    }
    EXPECT_EQ(schema_id({1}), static_cast<std::int32_t>(h));
}

TEST(BinaryObject, MetadataRoundTrip) {
    auto meta = BinaryObjectBuilder("Person").set("name", "Ann").set("age", std::int16_t{30}).affinity_key_field("name").metadata();
    ByteWriter w;
    meta.encode(w);
    ByteReader r(w.bytes());
    EXPECT_EQ(BinaryTypeMetadata::decode(r), meta);
    EXPECT_EQ(meta.fields[1].type_code, 2);
}

TEST(BinaryObject, MalformedObjectsAreProtocolErrors) {
    auto obj = BinaryObjectBuilder("X").set("a", 1).build();
    obj.bytes[20] = 200;  // footer offset beyond the object
    EXPECT_THROW(BinaryObjectReader{obj}, ProtocolError);
}

// Handles (type 102): the second reference to an object is a back-reference to the first one's
// bytes, as Java's marshaller writes shared references.
TEST(BinaryObject, HandlesResolveToTheObjectTheyPointBackTo) {
    auto inner = BinaryObjectBuilder("Inner").set("name", "shared").set("n", 42).build();
    ByteWriter w;
    w.write_i8(24);  // Collection
    w.write_i32(2);
    w.write_i8(1);  // ArrayList
    auto first = w.size();
    w.write_bytes(std::span<const std::uint8_t>(inner.bytes));
    auto handle = w.size();
    w.write_i8(102);
    w.write_i32(static_cast<std::int32_t>(handle - first));
    auto bytes = std::move(w).take();
    ByteReader r(bytes);
    auto v = read_value(r);
    ASSERT_TRUE(v.is<Collection>());
    const auto& items = v.get<Collection>().items;
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0], items[1]);
    EXPECT_EQ(BinaryObjectReader(items[1].get<BinaryObject>()).fields().size(), 2u);
    EXPECT_TRUE(r.at_end());

    // A handle that points at itself, or before the start of the data, is a protocol error.
    for (std::int32_t back : {0, -4, static_cast<std::int32_t>(handle + 1)}) {
        auto bad = bytes;
        std::memcpy(bad.data() + handle + 1, &back, 4);
        ByteReader br(bad);
        EXPECT_THROW(read_value(br), ProtocolError) << "back " << back;
    }
}
