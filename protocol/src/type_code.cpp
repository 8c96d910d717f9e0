#include "kindling/protocol/type_code.hpp"

namespace kindling {

std::string_view type_code_name(TypeCode code) noexcept {
    switch (code) {
        case TypeCode::Byte: return "byte";
        case TypeCode::Short: return "short";
        case TypeCode::Int: return "int";
        case TypeCode::Long: return "long";
        case TypeCode::Float: return "float";
        case TypeCode::Double: return "double";
        case TypeCode::Char: return "char";
        case TypeCode::Bool: return "bool";
        case TypeCode::String: return "String";
        case TypeCode::Uuid: return "UUID";
        case TypeCode::Date: return "Date";
        case TypeCode::ByteArray: return "byte[]";
        case TypeCode::ShortArray: return "short[]";
        case TypeCode::IntArray: return "int[]";
        case TypeCode::LongArray: return "long[]";
        case TypeCode::FloatArray: return "float[]";
        case TypeCode::DoubleArray: return "double[]";
        case TypeCode::CharArray: return "char[]";
        case TypeCode::BoolArray: return "bool[]";
        case TypeCode::StringArray: return "String[]";
        case TypeCode::UuidArray: return "UUID[]";
        case TypeCode::DateArray: return "Date[]";
        case TypeCode::ObjectArray: return "Object[]";
        case TypeCode::Collection: return "Collection";
        case TypeCode::Map: return "Map";
        case TypeCode::BinaryWrapped: return "wrapped binary object";
        case TypeCode::Enum: return "Enum";
        case TypeCode::EnumArray: return "Enum[]";
        case TypeCode::Decimal: return "Decimal";
        case TypeCode::DecimalArray: return "Decimal[]";
        case TypeCode::Class: return "Class";
        case TypeCode::Timestamp: return "Timestamp";
        case TypeCode::TimestampArray: return "Timestamp[]";
        case TypeCode::Proxy: return "Proxy";
        case TypeCode::Time: return "Time";
        case TypeCode::TimeArray: return "Time[]";
        case TypeCode::BinaryEnum: return "binary enum";
        case TypeCode::ObjectArrayWrapper: return "Object[] wrapper";
        case TypeCode::Null: return "NULL";
        case TypeCode::Handle: return "handle";
        case TypeCode::Complex: return "complex object";
        case TypeCode::OptimizedMarshaller: return "optimized-marshaller object";
    }
    return "unknown";
}

}  // namespace kindling
