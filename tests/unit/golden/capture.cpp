// Captures the golden bytes of tests/unit/messages_golden_test.cpp from a live Ignite node: every
// request Kindling sends is encoded by its protocol message (or by the encoder that still stands
// for it), sent on a real connection, and its payload is printed together with the payload of the
// server's reply (status 0 checked: a failed request throws). Not part of the test suite: run it
// once against tests/cluster and paste its output into the test.
//
//   kindling_golden_capture [host] [port] [auth port]   (default 127.0.0.1 10900 10920)
//
// Built by the target kindling_golden_capture (tests/unit/golden/CMakeLists.txt, not built by
// default). It needs the test cluster's compute task io.kindling.cluster.WordLengthTask, and a
// persistent node for the WAL cases (tests/cluster's authenticated node, user ignite/ignite).
//
// It creates caches named golden_* and destroys them at the end.
#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>
#include <string>
#include <vector>

#include "kindling/net/channel.hpp"
#include "kindling/net/cluster_client.hpp"
#include "kindling/protocol/affinity.hpp"
#include "kindling/protocol/binary_object.hpp"
#include "kindling/protocol/binary_type_messages.hpp"
#include "kindling/protocol/cache_admin_messages.hpp"
#include "kindling/protocol/cache_messages.hpp"
#include "kindling/protocol/cluster_messages.hpp"
#include "kindling/protocol/compute_task.hpp"
#include "kindling/protocol/connection_messages.hpp"
#include "kindling/protocol/continuous_query.hpp"
#include "kindling/protocol/java_hash.hpp"
#include "kindling/protocol/scan_messages.hpp"
#include "kindling/protocol/sql_fields_query.hpp"
#include "kindling/protocol/tx_messages.hpp"

using namespace kindling;
#include "hex.hpp"

using namespace kindling::protocol;

namespace {

std::string hex(std::span<const std::uint8_t> bytes) { return kindling::test::to_hex(bytes); }

// Long hex strings broken into C++ string literal pieces of 120 digits.
std::string literal(const std::string& h) {
    if (h.empty()) return "\"\"";
    std::string out;
    for (std::size_t i = 0; i < h.size(); i += 120) {
        if (i) out += "\n    ";
        out += "\"" + h.substr(i, 120) + "\"";
    }
    return out;
}

void emit(const std::string& name, std::span<const std::uint8_t> req, std::span<const std::uint8_t> rep) {
    std::cout << "const Golden k" << name << "{\n    " << literal(hex(req)) << ",\n    " << literal(hex(rep)) << "};\n";
}

void emit_context(const std::string& name, const ProtocolContext& ctx) {
    std::cout << "// " << name << ": protocol " << ctx.version.major << "." << ctx.version.minor << "." << ctx.version.patch
              << ", features " << hex(ctx.features) << "\n";
}

net::Response raw(net::Channel& ch, const std::string& name, OpCode op, const net::PayloadWriterFn& payload,
                  bool print = true) {
    std::vector<std::uint8_t> req;
    auto resp = ch.request(op,
                           [&](ByteWriter& w, const ProtocolContext& ctx) {
                               ByteWriter t;
                               payload(t, ctx);
                               req.assign(t.bytes().begin(), t.bytes().end());
                               w.write_bytes(t.bytes());
                           },
                           std::chrono::seconds(20));
    auto r = resp.reader();
    if (print) emit(name, req, r.read_bytes(r.remaining()));
    return resp;
}

template <Message M>
typename M::Reply run(net::Channel& ch, const std::string& name, const M& m, bool print = true) {
    auto resp = raw(ch, name, M::op, [&](ByteWriter& w, const ProtocolContext& ctx) { m.encode(w, ctx); }, print);
    auto r = resp.reader();
    return M::decode(r, ch.context());
}

// Waits for the next notification under `id` and prints its payload.
struct NotificationTap {
    std::promise<std::vector<std::uint8_t>> got;
    bool done = false;
    void listen(net::Channel& ch, std::int64_t id) {
        ch.listen(id, [this](OpCode, net::Response n) {
            if (done) return;
            done = true;
            if (n.failure() != net::Response::Failure::None) {
                got.set_value({});
                return;
            }
            auto r = n.reader();
            auto b = r.read_bytes(r.remaining());
            got.set_value({b.begin(), b.end()});
        });
    }
    void emit_as(const std::string& name) {
        auto f = got.get_future();
        if (f.wait_for(std::chrono::seconds(20)) != std::future_status::ready) throw std::runtime_error(name + ": no notification");
        auto bytes = f.get();
        emit(name, {}, bytes);
    }
};

CacheHeader hdr(const std::string& cache) { return CacheHeader{cache_id(cache), std::nullopt, std::nullopt}; }

}  // namespace

int main(int argc, char** argv) try {
    std::string host = argc > 1 ? argv[1] : "127.0.0.1";
    auto port = static_cast<std::uint16_t>(argc > 2 ? std::stoi(argv[2]) : 10900);
    auto auth_port = static_cast<std::uint16_t>(argc > 3 ? std::stoi(argv[3]) : 10920);

    net::ClientOptions o;
    o.endpoints = {net::Endpoint{host, port, 0}};
    o.partition_awareness = false;  // one connection: every request goes where the channel goes
    o.discover_nodes = false;
    auto client = net::ClusterClient::connect(o);
    auto chp = client->acquire_channel();
    auto& ch = *chp;
    emit_context("main", ch.context());

    const std::string kv = "golden_kv", repl = "golden_repl", scan = "golden_scan";
    for (const auto& name : {kv, repl, scan}) {  // left over from an interrupted run
        try {
            ch.request(OpCode::CacheDestroy, [&](ByteWriter& w, const ProtocolContext& ctx) { CacheDestroy{cache_id(name)}.encode(w, ctx); },
                       std::chrono::seconds(20));
        } catch (const Error&) {
        }
    }

    // --- connection ---
    run(ch, "Heartbeat", Heartbeat{});
    run(ch, "GetIdleTimeout", GetIdleTimeout{});

    // --- cache admin ---
    run(ch, "CacheCreateWithName", CacheCreateWithName{kv});
    run(ch, "CacheGetOrCreateWithName", CacheGetOrCreateWithName{kv});
    CacheConfiguration cfg;
    cfg.name = repl;
    cfg.cache_mode = CacheMode::Replicated;
    cfg.atomicity_mode = CacheAtomicityMode::Transactional;
    cfg.backups = 1;
    cfg.sql_schema = "GOLDEN";
    run(ch, "CacheCreateWithConfiguration", CacheCreateWithConfiguration{cfg});
    run(ch, "CacheGetOrCreateWithConfiguration", CacheGetOrCreateWithConfiguration{cfg});
    run(ch, "CacheGetConfiguration", CacheGetConfiguration{cache_id(repl)});
    run(ch, "CacheGetOrCreateWithName_scan", CacheGetOrCreateWithName{scan});

    // --- key-value ---
    auto h = hdr(kv);
    run(ch, "CachePut", CachePut{h, Value(std::int32_t{1}), Value("one")});
    run(ch, "CacheGet_hit", CacheGet{h, Value(std::int32_t{1})});
    run(ch, "CacheGet_miss", CacheGet{h, Value(std::int32_t{2})});
    run(ch, "CachePutIfAbsent_present", CachePutIfAbsent{h, Value(std::int32_t{1}), Value("x")});
    run(ch, "CachePutIfAbsent_absent", CachePutIfAbsent{h, Value(std::int32_t{2}), Value("two")});
    run(ch, "CacheGetAll", CacheGetAll{h, {Value(std::int32_t{1}), Value(std::int32_t{2}), Value(std::int32_t{3})}});
    run(ch, "CachePutAll", CachePutAll{h, {{Value(std::int32_t{3}), Value("three")}, {Value(std::int32_t{4}), Value("four")}}});
    run(ch, "CacheGetAndPut", CacheGetAndPut{h, Value(std::int32_t{1}), Value("uno")});
    run(ch, "CacheGetAndReplace", CacheGetAndReplace{h, Value(std::int32_t{1}), Value("one")});
    run(ch, "CacheGetAndRemove", CacheGetAndRemove{h, Value(std::int32_t{4})});
    run(ch, "CacheGetAndPutIfAbsent", CacheGetAndPutIfAbsent{h, Value(std::int32_t{4}), Value("vier")});
    run(ch, "CacheReplace", CacheReplace{h, Value(std::int32_t{4}), Value("four")});
    run(ch, "CacheReplaceIfEquals", CacheReplaceIfEquals{h, Value(std::int32_t{4}), Value("four"), Value("FOUR")});
    run(ch, "CacheContainsKey", CacheContainsKey{h, Value(std::int32_t{4})});
    run(ch, "CacheContainsKeys", CacheContainsKeys{h, {Value(std::int32_t{1}), Value(std::int32_t{2}), Value(std::int32_t{5})}});
    run(ch, "CacheGetSize", CacheGetSize{h, {}});
    run(ch, "CacheGetSize_primary", CacheGetSize{h, {PeekMode::Primary}});
    CacheHeader with_expiry = h;
    with_expiry.expiry = ExpiryPolicy{3'600'000, ExpiryPolicy::unchanged, ExpiryPolicy::eternal};
    run(ch, "CachePut_expiry", CachePut{with_expiry, Value(std::int64_t{10}), Value(std::int16_t{-7})});
    run(ch, "CacheClearKey", CacheClearKey{h, Value(std::int32_t{3})});
    run(ch, "CacheClearKeys", CacheClearKeys{h, {Value(std::int32_t{2})}});
    run(ch, "CacheRemoveKey", CacheRemoveKey{h, Value(std::int32_t{1})});
    run(ch, "CacheRemoveIfEquals", CacheRemoveIfEquals{h, Value(std::int32_t{4}), Value("FOUR")});
    run(ch, "CacheRemoveKeys", CacheRemoveKeys{h, {Value(std::int64_t{10}), Value(std::int32_t{5})}});

    // A local peek finds an entry only on a node that holds it: the first key whose primary is
    // this node (puts of the misses are not printed).
    for (std::int32_t k = 20; k < 60; ++k) {
        run(ch, "", CachePut{h, Value(k), Value(2.5)}, false);
        if (run(ch, "", CacheLocalPeek{h, Value(k), {PeekMode::Primary}}, false)) {
            std::cout << "// local peek hit: key " << k << "\n";
            run(ch, "CacheLocalPeek", CacheLocalPeek{h, Value(k), {PeekMode::Primary}});
            break;
        }
    }
    run(ch, "CacheLocalPeek_miss", CacheLocalPeek{h, Value(std::int32_t{-1}), {}});
    auto hr = hdr(repl);

    // --- binary types ---
    BinaryObjectBuilder person("GoldenPerson");
    person.set("id", std::int32_t{7}).set("name", std::string("Ada"));
    run(ch, "BinaryTypePut", BinaryTypePut{person.metadata()});
    run(ch, "BinaryTypeGet", BinaryTypeGet{person.type_id()});
    run(ch, "BinaryTypeGet_unknown", BinaryTypeGet{type_id("GoldenNobody")});
    run(ch, "CachePut_object", CachePut{h, Value(std::int32_t{100}), Value(person.build())});
    run(ch, "CacheGet_object", CacheGet{h, Value(std::int32_t{100})});
    run(ch, "CacheRemoveAll", CacheRemoveAll{h});
    run(ch, "CacheClear", CacheClear{h});

    // --- scan ---
    auto hs = hdr(scan);
    run(ch, "CachePutAll_scan", CachePutAll{hs, {{Value(std::int32_t{1}), Value("a")}, {Value(std::int32_t{2}), Value("b")},
                                                 {Value(std::int32_t{3}), Value("c")}}});
    auto first = run(ch, "ScanQuery", ScanQuery{hs, 2, -1, false});
    run(ch, "ScanCursorGetPage", ScanCursorGetPage{first.cursor_id});
    auto abandoned = run(ch, "ScanQuery_one", ScanQuery{hs, 1, -1, false});
    raw(ch, "ResourceClose", OpCode::ResourceClose,
        [&](ByteWriter& w, const ProtocolContext&) { encode_resource_id(w, abandoned.cursor_id); });

    // --- SQL fields (2004/2005) ---
    SqlFieldsQuery q;
    q.sql = "SELECT X FROM SYSTEM_RANGE(1, 3)";
    q.page_size = 2;
    auto sql = raw(ch, "SqlFieldsQuery", OpCode::QuerySqlFields, [&](ByteWriter& w, const ProtocolContext& ctx) { q.encode(w, ctx); });
    auto sr = sql.reader();
    auto sql_first = decode_sql_fields_response(sr, true);
    raw(ch, "SqlFieldsCursorGetPage", OpCode::QuerySqlFieldsCursorGetPage,
        [&](ByteWriter& w, const ProtocolContext&) { encode_resource_id(w, sql_first.cursor_id); });

    // --- transactions ---
    auto txr = raw(ch, "TxStart", OpCode::TxStart, [](ByteWriter& w, const ProtocolContext&) {
        encode_tx_start(w, TxConcurrency::Pessimistic, TxIsolation::RepeatableRead, 5000, "golden");
    });
    auto tx_id = txr.reader().read_i32();
    CacheHeader in_tx = hr;
    in_tx.tx_id = tx_id;
    run(ch, "CachePut_tx", CachePut{in_tx, Value("t"), Value(true)});
    CacheHeader in_tx_expiry = in_tx;  // flags 0x06: the expiry policy first, then the tx id
    in_tx_expiry.expiry = ExpiryPolicy{ExpiryPolicy::eternal, 0, 1500};
    run(ch, "CachePut_tx_expiry", CachePut{in_tx_expiry, Value("u"), Value(Char{u'\u00e9'})});
    raw(ch, "TxEnd", OpCode::TxEnd, [&](ByteWriter& w, const ProtocolContext&) { encode_tx_end(w, tx_id, true); });

    // --- cluster ---
    run(ch, "CacheGetNames", CacheGetNames{});
    run(ch, "ClusterGetState", ClusterGetState{});
    run(ch, "ClusterChangeState", ClusterChangeState{ClusterState::Active});  // already active: no change
    run(ch, "ClusterGroupGetNodeEndpoints", ClusterGroupGetNodeEndpoints{});
    run(ch, "CachePartitions", CachePartitions{{cache_id(scan)}});

    // --- continuous query: start, one event, close ---
    NotificationTap cq_tap;
    ContinuousQueryStart cq;
    cq.cache_id = cache_id(kv);
    auto cq_id = run(ch, "ContinuousQueryStart", cq);
    cq_tap.listen(ch, cq_id);
    run(ch, "CachePut_cq", CachePut{h, Value(std::int32_t{50}), Value("cq")});
    cq_tap.emit_as("ContinuousQueryEvent");
    ch.unlisten(cq_id);
    raw(ch, "ResourceClose_cq", OpCode::ResourceClose, [&](ByteWriter& w, const ProtocolContext&) { encode_resource_id(w, cq_id); });

    // --- compute ---
    NotificationTap task_tap;
    ComputeTaskExecute task;
    task.task_name = "io.kindling.cluster.WordLengthTask";
    task.argument = Value("hello big world");
    // The notification may come before listen(): the channel keeps it for the listener.
    auto task_id = run(ch, "ComputeTaskExecute", task);
    task_tap.listen(ch, task_id);
    task_tap.emit_as("ComputeTaskFinished");
    ch.unlisten(task_id);

    // --- clean up ---
    run(ch, "CacheDestroy", CacheDestroy{cache_id(kv)});
    run(ch, "CacheDestroy_repl", CacheDestroy{cache_id(repl)});
    run(ch, "CacheDestroy_scan", CacheDestroy{cache_id(scan)});

    // --- WAL state: only persistent caches have one (the authenticated cluster is persistent) ---
    net::ClientOptions a;
    a.endpoints = {net::Endpoint{host, auth_port, 0}};
    a.username = "ignite";
    a.password = "ignite";
    a.tls.mode = net::TlsMode::Disabled;  // the authenticated test node has no TLS
    a.partition_awareness = false;
    a.discover_nodes = false;
    auto auth_client = net::ClusterClient::connect(a);
    auto authp = auth_client->acquire_channel();
    auto& ach = *authp;
    emit_context("auth", ach.context());
    const std::string wal = "golden_wal";
    run(ach, "CacheGetOrCreateWithName_wal", CacheGetOrCreateWithName{wal});
    run(ach, "ClusterGetWalState", ClusterGetWalState{wal});
    run(ach, "ClusterChangeWalState", ClusterChangeWalState{wal, false});
    run(ach, "ClusterGetWalState_off", ClusterGetWalState{wal});
    run(ach, "ClusterChangeWalState_on", ClusterChangeWalState{wal, true});
    run(ach, "CacheDestroy_wal", CacheDestroy{cache_id(wal)});
    auth_client->close();
    client->close();
    return 0;
} catch (const std::exception& e) {
    std::cerr << "capture failed: " << e.what() << "\n";
    return 1;
}
