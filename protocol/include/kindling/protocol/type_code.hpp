#pragma once
// Type codes of the Ignite binary format (GridBinaryMarshaller.java, Ignite 2.18).
#include <cstdint>
#include <string_view>

namespace kindling {

enum class TypeCode : std::int8_t {
    Byte = 1, Short = 2, Int = 3, Long = 4, Float = 5, Double = 6, Char = 7, Bool = 8,
    String = 9, Uuid = 10, Date = 11,
    ByteArray = 12, ShortArray = 13, IntArray = 14, LongArray = 15, FloatArray = 16, DoubleArray = 17,
    CharArray = 18, BoolArray = 19, StringArray = 20, UuidArray = 21, DateArray = 22,
    ObjectArray = 23, Collection = 24, Map = 25,
    BinaryWrapped = 27, Enum = 28, EnumArray = 29, Decimal = 30, DecimalArray = 31,
    Class = 32, Timestamp = 33, TimestampArray = 34, Proxy = 35, Time = 36, TimeArray = 37,
    BinaryEnum = 38, ObjectArrayWrapper = 39,
    Null = 101, Handle = 102, Complex = 103,
    OptimizedMarshaller = -2,
};

std::string_view type_code_name(TypeCode code) noexcept;

}  // namespace kindling
