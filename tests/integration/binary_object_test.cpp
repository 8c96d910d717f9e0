// Complex keys against the real server: keys written by SQL (server side) are found by keys
// Kindling builds, and keys Kindling writes are seen by SQL — so hash, field encoding and routing
// by the affinity key field all match what the server does.
#include <gtest/gtest.h>

#include "kindling/kvapi/client.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/java_hash.hpp"
#include "test_env.hpp"

using namespace kindling;
using namespace kindling::kvapi;

TEST(BinaryObjects, PersonKeyWithAnAffinityFieldMatchesTheServer) {
    std::vector<net::Endpoint> eps;
    for (int i = 0; i < test::main_nodes(); ++i) eps.push_back({test::test_host(), static_cast<std::uint16_t>(test::main_port() + i), 0});
    Client client;
    client.connect(eps);
    client.sql("DROP TABLE IF EXISTS BoPerson").all();
    client.sql("CREATE TABLE BoPerson (personId INT, companyId INT, name VARCHAR, PRIMARY KEY (personId, companyId)) "
               "WITH \"KEY_TYPE=BoPersonKey,VALUE_TYPE=BoPersonVal,AFFINITY_KEY=companyId,CACHE_NAME=BoPersonCache,BACKUPS=0\"").all();
    for (int p = 1; p <= 30; ++p)
        client.sql("INSERT INTO BoPerson (personId, companyId, name) VALUES (?, ?, ?)", {p, p % 7, "sql-" + std::to_string(p)}).all();

    auto cache = client.get_cache("BoPersonCache");
    auto key_of = [&](int p) {
        return client.make_object(BinaryObjectBuilder("BoPersonKey").set("PERSONID", p).set("COMPANYID", p % 7).affinity_key_field("COMPANYID"));
    };
    // Keys the server wrote are found with keys built here, and routed to the node that owns them.
    for (int p = 1; p <= 30; ++p) {
        auto v = cache.get_value(key_of(p));
        ASSERT_TRUE(v.has_value()) << "person " << p;
        ASSERT_TRUE(v->is<BinaryObject>());
        EXPECT_EQ(client.object_fields(v->get<BinaryObject>())["NAME"], Value("sql-" + std::to_string(p)));
        EXPECT_TRUE(cache.local_peek(key_of(p), {PeekMode::Primary}).has_value())
            << "the request for person " << p << " did not reach the primary of company " << p % 7;
    }
    // A key written here is a row for SQL.
    auto value = client.make_object(BinaryObjectBuilder("BoPersonVal").set("NAME", "kv-31"));
    cache.put_value(key_of(31), value);
    auto rows = client.sql("SELECT name FROM BoPerson WHERE personId = 31 AND companyId = ?", {31 % 7}).all();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], Value("kv-31"));
    // The registered metadata reads back.
    auto meta = client.type_metadata(protocol::type_id("BoPersonVal"));
    ASSERT_TRUE(meta.has_value());
    EXPECT_EQ(meta->fields.size(), 1u);
    client.sql("DROP TABLE BoPerson").all();
}

// Java writes a shared reference once and then as a handle (type 102): a Holder whose two fields
// and a list all hold the same Inner object, put by the Java thin client, reads back here with
// every reference resolved to that object.
TEST(BinaryObjects, SharedReferencesWrittenByJavaResolve) {
    Client client;
    client.connect(test::test_host(), test::main_port());
    const std::string cache_name = "java_shared_refs";
    try { client.get_cache(cache_name).destroy(); } catch (const Error&) {}
    auto out = test::java_helper("--port " + std::to_string(test::main_port()) + " put-shared-refs " + cache_name);
    ASSERT_EQ(out, "ok\n") << "the Java helper did not write the object";
    auto v = client.get_cache(cache_name).get_value(Value(std::int32_t{1}));
    ASSERT_TRUE(v.has_value() && v->is<BinaryObject>());
    auto holder = client.object_fields(v->get<BinaryObject>());
    ASSERT_TRUE(holder.count("first") && holder.count("second") && holder.count("list"));
    ASSERT_TRUE(holder["first"].is<BinaryObject>());
    EXPECT_EQ(holder["second"], holder["first"]) << "the handle did not resolve to the first reference";
    auto inner = client.object_fields(holder["first"].get<BinaryObject>());
    EXPECT_EQ(inner["name"], Value("shared"));
    EXPECT_EQ(inner["n"], Value(std::int32_t{42}));
    ASSERT_TRUE(holder["list"].is<kindling::Collection>());
    const auto& items = holder["list"].get<kindling::Collection>().items;
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0], holder["first"]);
    EXPECT_EQ(items[1], holder["first"]);
    client.get_cache(cache_name).destroy();
}

namespace {
struct MappedPerson {
    std::int32_t id = 0;
    std::string name;
    double salary = 0;
};
}  // namespace

template <>
struct kindling::kvapi::ValueTraits<MappedPerson> : kindling::kvapi::BinaryType<MappedPerson> {
    static constexpr const char* type_name = "MappedPerson";
    static constexpr auto fields = std::make_tuple(field("ID", &MappedPerson::id), field("NAME", &MappedPerson::name),
                                                   field("SALARY", &MappedPerson::salary));
};

// A C++ struct declared once as a binary type: what it writes is a row for SQL, and rows SQL wrote
// (with the server's own field order and schema) read back as the struct.
TEST(BinaryObjects, MappedStructsAreRowsForSqlAndBack) {
    Client client;
    client.connect(test::test_host(), test::main_port());
    client.sql("DROP TABLE IF EXISTS MappedPersons").all();
    client.sql("CREATE TABLE MappedPersons (key INT PRIMARY KEY, salary DOUBLE, name VARCHAR, id INT) "
               "WITH \"VALUE_TYPE=MappedPerson,CACHE_NAME=MappedPersons\"").all();
    auto cache = client.get_cache("MappedPersons");
    cache.put(1, MappedPerson{7, "Ann", 5200.5});
    auto rows = client.sql("SELECT id, name, salary FROM MappedPersons WHERE key = 1").all();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0], Value(std::int32_t{7}));
    EXPECT_EQ(rows[0][1], Value("Ann"));
    EXPECT_EQ(rows[0][2], Value(5200.5));

    client.sql("INSERT INTO MappedPersons (key, salary, name, id) VALUES (2, 99.25, 'Bob', 8)").all();
    auto bob = cache.get<MappedPerson>(2);
    ASSERT_TRUE(bob.has_value());
    EXPECT_EQ(bob->id, 8);
    EXPECT_EQ(bob->name, "Bob");
    EXPECT_EQ(bob->salary, 99.25);
    auto ann = cache.get<MappedPerson>(1);
    ASSERT_TRUE(ann.has_value());
    EXPECT_EQ(ann->name, "Ann");
    client.sql("DROP TABLE MappedPersons").all();
}
