#pragma once
// User structs as complex (binary) objects, declared once:
//
//   struct Person { std::int32_t id; std::string name; double salary; };
//   template <> struct kindling::kvapi::ValueTraits<Person> : kindling::kvapi::BinaryType<Person> {
//       static constexpr const char* type_name = "Person";
//       static constexpr auto fields = std::make_tuple(field("id", &Person::id), field("name", &Person::name),
//                                                      field("salary", &Person::salary));
//       // optional: static constexpr const char* affinity_key_field = "id";
//   };
//
//   cache.put(1, Person{1, "Ann", 5000.0});            // registers the type with the cluster once
//   std::optional<Person> p = cache.get<Person>(1);
//
// Fields are written in declaration order with a compact footer, byte-identical to what Java
// writes for the same field order; reading accepts any schema of the type (fields another writer
// left out keep their default value), fetching the schema from the cluster when it is not ours.
#include <tuple>

#include "kindling/kvapi/value_traits.hpp"
#include "kindling/protocol/binary_object.hpp"
#include "kindling/protocol/java_hash.hpp"

namespace kindling::kvapi {

template <class T, class M>
struct FieldMapping {
    const char* name;
    M T::*member;
};

template <class T, class M>
constexpr FieldMapping<T, M> field(const char* name, M T::*member) {
    return {name, member};
}

// A mapped struct's traits provide its metadata: the Cache registers it before the first write.
template <class T>
concept BinaryMapped = !std::is_array_v<T> && !std::is_pointer_v<T> && requires { { ValueTraits<T>::metadata() } -> std::convertible_to<protocol::BinaryTypeMetadata>; };

template <class T>
struct BinaryType {
    static protocol::BinaryObjectBuilder builder_for(const T& t) {
        using Traits = ValueTraits<T>;
        protocol::BinaryObjectBuilder b(Traits::type_name);
        std::apply([&](const auto&... f) { (b.set(f.name, kvapi::to_value(t.*(f.member))), ...); }, Traits::fields);
        if constexpr (requires { Traits::affinity_key_field; }) b.affinity_key_field(Traits::affinity_key_field);
        return b;
    }

    static Value to_value(const T& t) { return Value(builder_for(t).build()); }

    static T from_value(const Value& v) { return from_value(v, nullptr); }

    // `server` adds the schemas the cluster knows (objects other writers made).
    static T from_value(const Value& v, const protocol::BinaryTypeMetadata* server) {
        using Traits = ValueTraits<T>;
        const auto* obj = v.get_if<BinaryObject>();
        if (!obj) throw Error(std::string("type mismatch: expected a ") + Traits::type_name + " object, the server returned " +
                              std::string(type_code_name(v.type_code())));
        if (obj->type_id() != protocol::type_id(Traits::type_name))
            throw Error(std::string("type mismatch: expected a ") + Traits::type_name + " object, got type id " +
                        std::to_string(obj->type_id()));
        auto meta = metadata();
        if (server)
            for (const auto& s : server->schemas) meta.schemas.push_back(s);
        if (!protocol::schema_is_known(*obj, meta))
            throw Error(std::string("a ") + Traits::type_name + " object was written with a schema this client does not know " +
                        "(read it through a Cache, which fetches the schema from the cluster)");
        protocol::BinaryObjectReader reader(*obj, &meta);
        T t{};
        std::apply(
            [&](const auto&... f) {
                ((void)[&] {
                    if (auto fv = reader.field_by_id(protocol::field_id(f.name)); fv && !fv->is_null())
                        t.*(f.member) = kvapi::from_value<std::remove_cvref_t<decltype(t.*(f.member))>>(*fv);
                }(), ...);
            },
            Traits::fields);
        return t;
    }

    static const protocol::BinaryTypeMetadata& metadata() {
        static const protocol::BinaryTypeMetadata m = builder_for(T{}).metadata();
        return m;
    }

};

}  // namespace kindling::kvapi
