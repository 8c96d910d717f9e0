#pragma once
// Complex (user type) objects, type 103 (facts §8.2, §8.6, §8.8), sans-io.
//
//   auto key = BinaryObjectBuilder("PersonKey").set("personId", 1).set("companyId", 1);
//   BinaryObject bytes = key.build();          // register key.metadata() with the server first
//   BinaryObjectReader(bytes).field("companyId")  -> Value(1)
//
// Kindling writes compact footers with schemas, byte for byte what Java writes: the server finds
// keys by their exact bytes (measured on 2.17: a full-footer key with identical field bytes and
// hash is not found). A compact footer names no fields, so reading fields by name needs the
// type's metadata (OP_BINARY_TYPE_GET), which the reader takes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kindling/protocol/byte_reader.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/value.hpp"

namespace kindling::protocol {

struct BinaryFieldMeta {
    std::string name;
    std::int32_t type_code = 0;  // TypeCode of the field's values (103 for nested objects)
    std::int32_t field_id = 0;
    bool operator==(const BinaryFieldMeta&) const = default;
};

struct BinarySchema {
    std::int32_t schema_id = 0;
    std::vector<std::int32_t> field_ids;
    bool operator==(const BinarySchema&) const = default;
};

// Binary type metadata (OP_BINARY_TYPE_PUT 3003 request / OP_BINARY_TYPE_GET 3002 reply).
struct BinaryTypeMetadata {
    std::int32_t type_id = 0;
    std::string type_name;
    std::string affinity_key_field;  // empty: none
    std::vector<BinaryFieldMeta> fields;
    bool is_enum = false;
    std::vector<std::pair<std::string, std::int32_t>> enum_values;
    std::vector<BinarySchema> schemas;
    bool operator==(const BinaryTypeMetadata&) const = default;

    void encode(ByteWriter& w) const;
    static BinaryTypeMetadata decode(ByteReader& r);
};

// Whether `object`'s fields can be named with `metadata`: a full footer (or no fields) names them
// itself; a compact footer needs its schema among the metadata's schemas.
bool schema_is_known(const BinaryObject& object, const BinaryTypeMetadata& metadata);

// FNV-1 over the field ids in write order (each id low byte first); 0 for no fields.
std::int32_t schema_id(const std::vector<std::int32_t>& field_ids);

// Java's BinaryArrayIdentityResolver hash over the field bytes of an object.
std::int32_t binary_hash(std::span<const std::uint8_t> field_bytes);

class BinaryObjectBuilder {
public:
    explicit BinaryObjectBuilder(std::string type_name);
    // Adds or replaces a field; the write order is the order of first set().
    BinaryObjectBuilder& set(std::string name, Value value);
    BinaryObjectBuilder& affinity_key_field(std::string name);

    BinaryObject build() const;
    BinaryTypeMetadata metadata() const;
    std::int32_t type_id() const noexcept { return type_id_; }

private:
    std::string type_name_;
    std::int32_t type_id_;
    std::string affinity_field_;
    std::vector<std::pair<std::string, Value>> fields_;
};

class BinaryObjectReader {
public:
    // Throws ProtocolError for a malformed object. Compact footers need the type metadata to name
    // fields (without it, fields() still works by position with field id 0).
    explicit BinaryObjectReader(const BinaryObject& object, const BinaryTypeMetadata* metadata = nullptr);

    std::int32_t type_id() const noexcept { return type_id_; }
    std::int32_t hash_code() const noexcept { return hash_; }
    std::optional<Value> field(std::string_view name) const;
    std::optional<Value> field_by_id(std::int32_t field_id) const;
    // (field id, value) in write order.
    std::vector<std::pair<std::int32_t, Value>> fields() const;

private:
    const BinaryObject& obj_;
    std::int32_t type_id_ = 0;
    std::int32_t hash_ = 0;
    std::vector<std::pair<std::int32_t, std::size_t>> slots_;  // field id, offset
};

}  // namespace kindling::protocol
