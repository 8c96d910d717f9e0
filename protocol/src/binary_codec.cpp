#include "kindling/protocol/binary_codec.hpp"

#include <string>

#include "kindling/protocol/errors.hpp"

namespace kindling::protocol {

namespace {

constexpr int kMaxDepth = 64;  // nested collections deeper than this are rejected, not recursed into

void write_typed(ByteWriter& w, TypeCode c) { w.write_i8(static_cast<std::int8_t>(c)); }

void write_decimal_payload(ByteWriter& w, const Decimal& d) {
    // Java writes |unscaled| as a minimal two's-complement positive big-endian array (a leading
    // 0x00 when the top bit would be set) and marks negatives by OR-ing 0x80 into the first byte.
    w.write_i32(d.scale);
    std::size_t first = 0;
    while (first < d.magnitude.size() && d.magnitude[first] == 0) ++first;
    std::size_t n = d.magnitude.size() - first;
    bool pad = n == 0 || (d.magnitude[first] & 0x80);
    w.write_i32(static_cast<std::int32_t>(n + (pad ? 1 : 0)));
    std::size_t start = w.size();
    if (pad) w.write_u8(0);
    w.write_bytes(std::span<const std::uint8_t>(d.magnitude).subspan(first));
    if (d.negative && n > 0) w.buffer()[start] |= 0x80;
}

Decimal read_decimal_payload(ByteReader& r) {
    Decimal d;
    d.scale = r.read_i32();
    auto n = r.read_length();
    auto bytes = r.read_bytes(n);
    d.magnitude.assign(bytes.begin(), bytes.end());
    if (!d.magnitude.empty() && (d.magnitude[0] & 0x80)) {
        d.negative = true;
        d.magnitude[0] &= 0x7F;
    }
    std::size_t first = 0;
    while (first < d.magnitude.size() && d.magnitude[first] == 0) ++first;
    d.magnitude.erase(d.magnitude.begin(), d.magnitude.begin() + static_cast<std::ptrdiff_t>(first));
    if (d.magnitude.empty()) d.negative = false;
    return d;
}

template <class T, class F>
void write_prim_array(ByteWriter& w, TypeCode c, const std::vector<T>& a, F put) {
    write_typed(w, c);
    w.write_i32(static_cast<std::int32_t>(a.size()));
    for (const auto& x : a) put(x);
}

template <class T, class F>
std::vector<T> read_prim_array(ByteReader& r, std::size_t elem, F get) {
    auto n = r.read_length(elem);
    std::vector<T> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(get());
    return out;
}

Value read_value_at_depth(ByteReader& r, int depth);

std::vector<Value> read_items(ByteReader& r, std::size_t n, int depth) {
    std::vector<Value> items;
    items.reserve(n);
    for (std::size_t i = 0; i < n; ++i) items.push_back(read_value_at_depth(r, depth + 1));
    return items;
}

// Reads a complex object whose 103 byte is at the reader's position; returns its exact bytes.
BinaryObject read_complex(ByteReader& r) {
    auto start = r.position();
    if (r.remaining() < 24) throw ProtocolError("truncated complex object header at offset " + std::to_string(start));
    ByteReader hdr(r.data().subspan(start, 24));
    hdr.skip(12);
    auto total = hdr.read_i32();
    if (total < 24 || static_cast<std::size_t>(total) > r.remaining())
        throw ProtocolError("complex object length " + std::to_string(total) + " is invalid at offset " +
                            std::to_string(start));
    auto bytes = r.read_bytes(static_cast<std::size_t>(total));
    return BinaryObject{{bytes.begin(), bytes.end()}};
}

Value read_value_at_depth(ByteReader& r, int depth) {
    if (depth > kMaxDepth) throw ProtocolError("values nested deeper than " + std::to_string(kMaxDepth) + " levels");
    auto code_pos = r.position();
    auto code = static_cast<TypeCode>(r.peek_u8() == 103 ? 103 : r.read_i8());
    switch (code) {
        case TypeCode::Null: return Null{};
        case TypeCode::Byte: return r.read_i8();
        case TypeCode::Short: return r.read_i16();
        case TypeCode::Int: return r.read_i32();
        case TypeCode::Long: return r.read_i64();
        case TypeCode::Float: return r.read_f32();
        case TypeCode::Double: return r.read_f64();
        case TypeCode::Char: return Char{static_cast<char16_t>(r.read_u16())};
        case TypeCode::Bool: return r.read_bool();
        case TypeCode::String: {
            auto n = r.read_length();
            return std::string(r.read_string_view(n));
        }
        case TypeCode::Uuid: {
            auto msb = static_cast<std::uint64_t>(r.read_i64());
            auto lsb = static_cast<std::uint64_t>(r.read_i64());
            return Uuid{msb, lsb};
        }
        case TypeCode::Date: return Date{r.read_i64()};
        case TypeCode::Timestamp: {
            auto ms = r.read_i64();
            auto ns = r.read_i32();
            return Timestamp{ms, ns};
        }
        case TypeCode::Time: return Time{r.read_i64()};
        case TypeCode::Decimal: return read_decimal_payload(r);
        case TypeCode::Enum:
        case TypeCode::BinaryEnum: {
            EnumValue e;
            e.binary = code == TypeCode::BinaryEnum;
            e.type_id = r.read_i32();
            if (e.type_id == 0) e.class_name = read_string(r);
            e.ordinal = r.read_i32();
            return e;
        }
        case TypeCode::ByteArray: {
            auto n = r.read_length();
            auto b = r.read_bytes(n);
            return ByteArray(b.begin(), b.end());
        }
        case TypeCode::ShortArray: return read_prim_array<std::int16_t>(r, 2, [&] { return r.read_i16(); });
        case TypeCode::IntArray: return read_prim_array<std::int32_t>(r, 4, [&] { return r.read_i32(); });
        case TypeCode::LongArray: return read_prim_array<std::int64_t>(r, 8, [&] { return r.read_i64(); });
        case TypeCode::FloatArray: return read_prim_array<float>(r, 4, [&] { return r.read_f32(); });
        case TypeCode::DoubleArray: return read_prim_array<double>(r, 8, [&] { return r.read_f64(); });
        case TypeCode::CharArray:
            return read_prim_array<char16_t>(r, 2, [&] { return static_cast<char16_t>(r.read_u16()); });
        case TypeCode::BoolArray: {
            auto n = r.read_length();
            auto b = r.read_bytes(n);
            BoolArray a;
            for (auto x : b) a.items.push_back(x ? 1 : 0);
            return a;
        }
        case TypeCode::StringArray:
        case TypeCode::UuidArray:
        case TypeCode::DateArray:
        case TypeCode::DecimalArray:
        case TypeCode::TimestampArray:
        case TypeCode::TimeArray: {
            TypedArray a;
            a.element = code == TypeCode::StringArray      ? TypeCode::String
                        : code == TypeCode::UuidArray      ? TypeCode::Uuid
                        : code == TypeCode::DateArray      ? TypeCode::Date
                        : code == TypeCode::DecimalArray   ? TypeCode::Decimal
                        : code == TypeCode::TimestampArray ? TypeCode::Timestamp
                                                           : TypeCode::Time;
            a.items = read_items(r, r.read_length(), depth);
            return a;
        }
        case TypeCode::EnumArray: {
            TypedArray a;
            a.element = TypeCode::BinaryEnum;
            a.enum_type_id = r.read_i32();
            if (a.enum_type_id == 0) read_string(r);
            a.items = read_items(r, r.read_length(), depth);
            return a;
        }
        case TypeCode::ObjectArray: {
            ObjectArray a;
            a.component_type_id = r.read_i32();
            if (a.component_type_id == 0) a.component_class_name = read_string(r);
            a.items = read_items(r, r.read_length(), depth);
            return a;
        }
        case TypeCode::Collection: {
            Collection c;
            auto n = r.read_length();
            c.kind = static_cast<CollectionKind>(r.read_i8());
            c.items = read_items(r, n, depth);
            return c;
        }
        case TypeCode::Map: {
            Map m;
            auto n = r.read_length(2);
            m.kind = static_cast<MapKind>(r.read_i8());
            m.entries.reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                auto k = read_value_at_depth(r, depth + 1);
                auto v = read_value_at_depth(r, depth + 1);
                m.entries.push_back(MapEntry{std::move(k), std::move(v)});
            }
            return m;
        }
        case TypeCode::Complex: return read_complex(r);
        case TypeCode::Handle: {
            // A back-reference Java writes for an object already written in the same stream (a
            // shared or cyclic reference): the int32 is the distance from this handle's type byte
            // back to that object's first byte. The depth limit ends handle chains and cycles.
            auto back = r.read_i32();
            if (back <= 0 || static_cast<std::size_t>(back) > code_pos)
                throw ProtocolError("handle at offset " + std::to_string(code_pos) + " points " + std::to_string(back) +
                                    " bytes back, outside the data it belongs to");
            ByteReader target(r.data());
            target.seek(code_pos - static_cast<std::size_t>(back));
            return read_value_at_depth(target, depth + 1);
        }
        case TypeCode::BinaryWrapped: {
            // The wrapper carries a byte array holding the object (possibly with others); the root
            // object is cut out. Handles inside it are relative to the object, so they stay valid.
            auto n = r.read_length();
            auto array = r.read_bytes(n);
            auto offset = r.read_i32();
            if (offset < 0 || static_cast<std::size_t>(offset) >= array.size())
                throw ProtocolError("wrapped object offset " + std::to_string(offset) + " is outside its array");
            ByteReader inner(array.subspan(static_cast<std::size_t>(offset)));
            if (inner.peek_u8() != 103) return read_value_at_depth(inner, depth + 1);
            return read_complex(inner);
        }
        case TypeCode::OptimizedMarshaller: {
            // Java-serialized objects are opaque to a non-Java client, with one exception that
            // matters: SQL DATE values arrive as java.sql.Date in this form (Ignite 2.17 H2 engine):
            // 0x66, int32 String.hashCode("java.sql.Date"), 2 bytes, int64 LE epoch millis.
            auto n = r.read_length();
            auto blob = r.read_bytes(n);
            constexpr std::int32_t kSqlDateTypeId = 0x40d5de3a;
            if (n == 15 && blob[0] == 0x66) {
                ByteReader b(blob.subspan(1));
                if (b.read_i32() == kSqlDateTypeId) {
                    b.skip(2);
                    return Date{b.read_i64()};
                }
            }
            throw ProtocolError("a Java-serialized (optimized marshaller) object of " + std::to_string(n) +
                                " bytes at offset " + std::to_string(code_pos) + " cannot be read by a non-Java client");
        }
        default:
            throw ProtocolError("unsupported type code " + std::to_string(static_cast<int>(code)) + " at offset " +
                                std::to_string(code_pos));
    }
}

}  // namespace

void write_null(ByteWriter& w) { write_typed(w, TypeCode::Null); }

void write_string(ByteWriter& w, std::string_view s) {
    write_typed(w, TypeCode::String);
    w.write_i32(static_cast<std::int32_t>(s.size()));
    w.write_bytes(s);
}

void write_nullable_string(ByteWriter& w, const std::optional<std::string>& s) {
    if (s) write_string(w, *s);
    else write_null(w);
}

std::optional<std::string> read_nullable_string(ByteReader& r) {
    auto code = r.read_i8();
    if (code == static_cast<std::int8_t>(TypeCode::Null)) return std::nullopt;
    if (code != static_cast<std::int8_t>(TypeCode::String))
        throw ProtocolError("expected a String (9) or NULL (101), got type code " + std::to_string(code) +
                            " at offset " + std::to_string(r.position() - 1));
    auto n = r.read_length();
    return std::string(r.read_string_view(n));
}

std::string read_string(ByteReader& r) { return read_nullable_string(r).value_or(std::string()); }

Value read_value(ByteReader& r) { return read_value_at_depth(r, 0); }

void write_value(ByteWriter& w, const Value& v) {
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, Null>) write_null(w);
            else if constexpr (std::is_same_v<T, std::int8_t>) { write_typed(w, TypeCode::Byte); w.write_i8(x); }
            else if constexpr (std::is_same_v<T, std::int16_t>) { write_typed(w, TypeCode::Short); w.write_i16(x); }
            else if constexpr (std::is_same_v<T, std::int32_t>) { write_typed(w, TypeCode::Int); w.write_i32(x); }
            else if constexpr (std::is_same_v<T, std::int64_t>) { write_typed(w, TypeCode::Long); w.write_i64(x); }
            else if constexpr (std::is_same_v<T, float>) { write_typed(w, TypeCode::Float); w.write_f32(x); }
            else if constexpr (std::is_same_v<T, double>) { write_typed(w, TypeCode::Double); w.write_f64(x); }
            else if constexpr (std::is_same_v<T, Char>) { write_typed(w, TypeCode::Char); w.write_u16(x.value); }
            else if constexpr (std::is_same_v<T, bool>) { write_typed(w, TypeCode::Bool); w.write_bool(x); }
            else if constexpr (std::is_same_v<T, std::string>) write_string(w, x);
            else if constexpr (std::is_same_v<T, Uuid>) {
                write_typed(w, TypeCode::Uuid);
                w.write_i64(static_cast<std::int64_t>(x.msb));
                w.write_i64(static_cast<std::int64_t>(x.lsb));
            } else if constexpr (std::is_same_v<T, Date>) { write_typed(w, TypeCode::Date); w.write_i64(x.millis); }
            else if constexpr (std::is_same_v<T, Timestamp>) {
                write_typed(w, TypeCode::Timestamp);
                w.write_i64(x.millis);
                w.write_i32(x.nanos);
            } else if constexpr (std::is_same_v<T, Time>) { write_typed(w, TypeCode::Time); w.write_i64(x.millis); }
            else if constexpr (std::is_same_v<T, Decimal>) { write_typed(w, TypeCode::Decimal); write_decimal_payload(w, x); }
            else if constexpr (std::is_same_v<T, EnumValue>) {
                write_typed(w, x.binary ? TypeCode::BinaryEnum : TypeCode::Enum);
                w.write_i32(x.type_id);
                if (x.type_id == 0) write_string(w, x.class_name);
                w.write_i32(x.ordinal);
            } else if constexpr (std::is_same_v<T, ByteArray>) {
                write_typed(w, TypeCode::ByteArray);
                w.write_i32(static_cast<std::int32_t>(x.size()));
                for (auto b : x) w.write_i8(b);
            } else if constexpr (std::is_same_v<T, ShortArray>) write_prim_array(w, TypeCode::ShortArray, x, [&](auto e) { w.write_i16(e); });
            else if constexpr (std::is_same_v<T, IntArray>) write_prim_array(w, TypeCode::IntArray, x, [&](auto e) { w.write_i32(e); });
            else if constexpr (std::is_same_v<T, LongArray>) write_prim_array(w, TypeCode::LongArray, x, [&](auto e) { w.write_i64(e); });
            else if constexpr (std::is_same_v<T, FloatArray>) write_prim_array(w, TypeCode::FloatArray, x, [&](auto e) { w.write_f32(e); });
            else if constexpr (std::is_same_v<T, DoubleArray>) write_prim_array(w, TypeCode::DoubleArray, x, [&](auto e) { w.write_f64(e); });
            else if constexpr (std::is_same_v<T, CharArray>) write_prim_array(w, TypeCode::CharArray, x, [&](auto e) { w.write_u16(e); });
            else if constexpr (std::is_same_v<T, BoolArray>) write_prim_array(w, TypeCode::BoolArray, x.items, [&](auto e) { w.write_u8(e ? 1 : 0); });
            else if constexpr (std::is_same_v<T, TypedArray>) {
                write_typed(w, v.type_code());
                if (v.type_code() == TypeCode::EnumArray) w.write_i32(x.enum_type_id);
                w.write_i32(static_cast<std::int32_t>(x.items.size()));
                for (const auto& item : x.items) write_value(w, item);
            } else if constexpr (std::is_same_v<T, ObjectArray>) {
                write_typed(w, TypeCode::ObjectArray);
                w.write_i32(x.component_type_id);
                if (x.component_type_id == 0) write_string(w, x.component_class_name);
                w.write_i32(static_cast<std::int32_t>(x.items.size()));
                for (const auto& item : x.items) write_value(w, item);
            } else if constexpr (std::is_same_v<T, Collection>) {
                write_typed(w, TypeCode::Collection);
                w.write_i32(static_cast<std::int32_t>(x.items.size()));
                w.write_i8(static_cast<std::int8_t>(x.kind));
                for (const auto& item : x.items) write_value(w, item);
            } else if constexpr (std::is_same_v<T, Map>) {
                write_typed(w, TypeCode::Map);
                w.write_i32(static_cast<std::int32_t>(x.entries.size()));
                w.write_i8(static_cast<std::int8_t>(x.kind));
                for (const auto& e : x.entries) {
                    write_value(w, e.key);
                    write_value(w, e.value);
                }
            } else if constexpr (std::is_same_v<T, BinaryObject>) {
                w.write_bytes(x.bytes);
            }
        },
        v.variant());
}

}  // namespace kindling::protocol
