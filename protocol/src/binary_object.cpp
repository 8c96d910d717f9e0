#include "kindling/protocol/binary_object.hpp"

#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/java_hash.hpp"

namespace kindling::protocol {

namespace {
constexpr std::uint16_t kUserType = 0x0001;
constexpr std::uint16_t kHasSchema = 0x0002;
constexpr std::uint16_t kHasRaw = 0x0004;
constexpr std::uint16_t kOffset1 = 0x0008;
constexpr std::uint16_t kOffset2 = 0x0010;
constexpr std::uint16_t kCompactFooter = 0x0020;
constexpr std::size_t kHeader = 24;
}  // namespace

std::int32_t schema_id(const std::vector<std::int32_t>& ids) {
    if (ids.empty()) return 0;
    std::uint32_t h = 0x811C9DC5u;
    for (auto id : ids) {
        auto u = static_cast<std::uint32_t>(id);
        for (int i = 0; i < 4; ++i) {
            h ^= (u >> (8 * i)) & 0xFF;
            h *= 0x01000193u;
        }
    }
    return static_cast<std::int32_t>(h);
}

std::int32_t binary_hash(std::span<const std::uint8_t> bytes) {
    std::uint32_t h = 1;
    for (auto b : bytes) h = 31u * h + static_cast<std::uint32_t>(static_cast<std::int32_t>(static_cast<std::int8_t>(b)));
    return static_cast<std::int32_t>(h);
}

void BinaryTypeMetadata::encode(ByteWriter& w) const {
    w.write_i32(type_id);
    write_string(w, type_name);
    write_nullable_string(w, affinity_key_field.empty() ? std::nullopt : std::optional(affinity_key_field));
    w.write_i32(static_cast<std::int32_t>(fields.size()));
    for (const auto& f : fields) {
        write_string(w, f.name);
        w.write_i32(f.type_code);
        w.write_i32(f.field_id);
    }
    w.write_bool(is_enum);
    if (is_enum) {
        w.write_i32(static_cast<std::int32_t>(enum_values.size()));
        for (const auto& [n, o] : enum_values) {
            write_string(w, n);
            w.write_i32(o);
        }
    }
    w.write_i32(static_cast<std::int32_t>(schemas.size()));
    for (const auto& s : schemas) {
        w.write_i32(s.schema_id);
        w.write_i32(static_cast<std::int32_t>(s.field_ids.size()));
        for (auto id : s.field_ids) w.write_i32(id);
    }
}

BinaryTypeMetadata BinaryTypeMetadata::decode(ByteReader& r) {
    BinaryTypeMetadata m;
    m.type_id = r.read_i32();
    m.type_name = read_string(r);
    m.affinity_key_field = read_string(r);
    auto nf = r.read_length(9);
    for (std::size_t i = 0; i < nf; ++i) {
        BinaryFieldMeta f;
        f.name = read_string(r);
        f.type_code = r.read_i32();
        f.field_id = r.read_i32();
        m.fields.push_back(std::move(f));
    }
    m.is_enum = r.read_bool();
    if (m.is_enum) {
        auto n = r.read_length(5);
        for (std::size_t i = 0; i < n; ++i) {
            auto name = read_string(r);
            m.enum_values.emplace_back(std::move(name), r.read_i32());
        }
    }
    auto ns = r.read_length(8);
    for (std::size_t i = 0; i < ns; ++i) {
        BinarySchema s;
        s.schema_id = r.read_i32();
        auto n = r.read_length(4);
        for (std::size_t k = 0; k < n; ++k) s.field_ids.push_back(r.read_i32());
        m.schemas.push_back(std::move(s));
    }
    return m;
}

BinaryObjectBuilder::BinaryObjectBuilder(std::string type_name)
    : type_name_(std::move(type_name)), type_id_(protocol::type_id(type_name_)) {}

BinaryObjectBuilder& BinaryObjectBuilder::set(std::string name, Value value) {
    for (auto& [n, v] : fields_)
        if (n == name) {
            v = std::move(value);
            return *this;
        }
    fields_.emplace_back(std::move(name), std::move(value));
    return *this;
}

BinaryObjectBuilder& BinaryObjectBuilder::affinity_key_field(std::string name) {
    affinity_field_ = std::move(name);
    return *this;
}

BinaryObject BinaryObjectBuilder::build() const {
    ByteWriter data;
    std::vector<std::pair<std::int32_t, std::size_t>> offsets;
    std::vector<std::int32_t> ids;
    for (const auto& [name, value] : fields_) {
        offsets.emplace_back(field_id(name), kHeader + data.size());
        ids.push_back(field_id(name));
        write_value(data, value);
    }
    std::size_t footer_start = kHeader + data.size();
    // Compact footer, as Java writes by default: the server looks keys up by their exact bytes,
    // so a full footer would make a different key than the same object written by Java or SQL.
    std::uint16_t flags = kUserType | kCompactFooter;
    std::size_t width = 4;
    if (!offsets.empty()) {
        flags |= kHasSchema;
        // Java picks the narrowest offset width that holds the largest field offset.
        auto largest = offsets.back().second;
        if (largest <= 0xFF) { width = 1; flags |= kOffset1; }
        else if (largest <= 0xFFFF) { width = 2; flags |= kOffset2; }
    }
    ByteWriter w(footer_start + offsets.size() * width);
    w.write_u8(103);
    w.write_u8(1);
    w.write_u16(flags);
    w.write_i32(type_id_);
    w.write_i32(binary_hash(data.bytes()));
    auto total_slot = w.reserve_i32();
    w.write_i32(offsets.empty() ? 0 : schema_id(ids));
    w.write_i32(offsets.empty() ? 0 : static_cast<std::int32_t>(footer_start));
    w.write_bytes(data.bytes());
    for (const auto& [id, off] : offsets) {
        if (width == 1) w.write_u8(static_cast<std::uint8_t>(off));
        else if (width == 2) w.write_u16(static_cast<std::uint16_t>(off));
        else w.write_i32(static_cast<std::int32_t>(off));
    }
    w.patch_i32(total_slot, static_cast<std::int32_t>(w.size()));
    return BinaryObject{std::move(w).take()};
}

BinaryTypeMetadata BinaryObjectBuilder::metadata() const {
    BinaryTypeMetadata m;
    m.type_id = type_id_;
    m.type_name = type_name_;
    m.affinity_key_field = affinity_field_;
    BinarySchema s;
    for (const auto& [name, value] : fields_) {
        m.fields.push_back({name, static_cast<std::int32_t>(value.type_code()), field_id(name)});
        s.field_ids.push_back(field_id(name));
    }
    s.schema_id = schema_id(s.field_ids);
    if (!s.field_ids.empty()) m.schemas.push_back(std::move(s));
    return m;
}

bool schema_is_known(const BinaryObject& object, const BinaryTypeMetadata& metadata) {
    const auto& b = object.bytes;
    if (b.size() < kHeader || b[0] != 103) throw ProtocolError("not a complex object");
    ByteReader r(b);
    r.skip(2);
    auto flags = r.read_u16();
    if (!(flags & kHasSchema) || !(flags & kCompactFooter)) return true;
    r.skip(12);  // type id, hash, length
    auto sid = r.read_i32();
    for (const auto& s : metadata.schemas)
        if (s.schema_id == sid) return true;
    return false;
}

BinaryObjectReader::BinaryObjectReader(const BinaryObject& object, const BinaryTypeMetadata* meta) : obj_(object) {
    const auto& b = object.bytes;
    if (b.size() < kHeader || b[0] != 103) throw ProtocolError("not a complex object");
    ByteReader r(b);
    r.skip(2);
    auto flags = r.read_u16();
    type_id_ = r.read_i32();
    hash_ = r.read_i32();
    auto total = r.read_i32();
    auto sid = r.read_i32();
    auto footer = r.read_i32();
    if (total < static_cast<std::int32_t>(kHeader) || static_cast<std::size_t>(total) > b.size())
        throw ProtocolError("complex object length is inconsistent");
    if (!(flags & kHasSchema)) return;
    std::size_t width = (flags & kOffset1) ? 1 : (flags & kOffset2) ? 2 : 4;
    bool compact = flags & kCompactFooter;
    std::size_t end = static_cast<std::size_t>(total);
    if (flags & kHasRaw) end -= 4;  // trailing raw-data offset
    if (footer < static_cast<std::int32_t>(kHeader) || static_cast<std::size_t>(footer) > end)
        throw ProtocolError("complex object footer offset is out of range");
    std::size_t entry = compact ? width : 4 + width;
    std::vector<std::int32_t> ids;
    if (compact && meta)
        for (const auto& s : meta->schemas)
            if (s.schema_id == sid) ids = s.field_ids;
    ByteReader f(std::span<const std::uint8_t>(b).subspan(static_cast<std::size_t>(footer), end - static_cast<std::size_t>(footer)));
    for (std::size_t i = 0; f.remaining() >= entry; ++i) {
        std::int32_t id = compact ? (i < ids.size() ? ids[i] : 0) : f.read_i32();
        std::size_t off = width == 1 ? f.read_u8() : width == 2 ? f.read_u16() : static_cast<std::size_t>(f.read_u32());
        if (off < kHeader || off >= static_cast<std::size_t>(footer)) throw ProtocolError("complex object field offset is out of range");
        slots_.emplace_back(id, off);
    }
}

std::optional<Value> BinaryObjectReader::field_by_id(std::int32_t id) const {
    for (const auto& [fid, off] : slots_) {
        if (fid != id) continue;
        ByteReader r(obj_.bytes);  // the whole object: handles in fields point back into it
        r.seek(off);
        return read_value(r);
    }
    return std::nullopt;
}

std::optional<Value> BinaryObjectReader::field(std::string_view name) const { return field_by_id(field_id(name)); }

std::vector<std::pair<std::int32_t, Value>> BinaryObjectReader::fields() const {
    std::vector<std::pair<std::int32_t, Value>> out;
    for (const auto& [fid, off] : slots_) {
        ByteReader r(obj_.bytes);
        r.seek(off);
        out.emplace_back(fid, read_value(r));
    }
    return out;
}

}  // namespace kindling::protocol
