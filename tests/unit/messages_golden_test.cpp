// Every request Kindling sends, byte for byte, and the reply a live Apache Ignite 2.17.0 node gave
// to it. The bytes were captured once by tests/unit/golden/capture.cpp against tests/cluster (the
// 3-node cluster on 127.0.0.1:10900, H2 engine; the WAL cases on the persistent, authenticated node
// on 10920): each request was encoded by its protocol message, sent on a real connection, and the
// server answered with status 0. Here, with no server, each case checks that the message still
// encodes to exactly the bytes the server accepted and that the server's reply decodes to the
// values the scenario put there. Payloads only: op code, request id and response header are the
// framing's (message.hpp) and not part of a message.
//
// SQL fields query (2004/2005), resource close (0) and tx start/end (4000/4001) are tested through
// their current encoders in sql_fields_query.hpp / tx_messages.hpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "kindling/protocol/affinity.hpp"
#include "kindling/protocol/binary_object.hpp"
#include "kindling/protocol/binary_type_messages.hpp"
#include "kindling/protocol/cache_admin_messages.hpp"
#include "kindling/protocol/cache_messages.hpp"
#include "kindling/protocol/cluster_messages.hpp"
#include "kindling/protocol/compute_task.hpp"
#include "kindling/protocol/connection_messages.hpp"
#include "kindling/protocol/continuous_query.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/java_hash.hpp"
#include "kindling/protocol/scan_messages.hpp"
#include "kindling/protocol/sql_fields_query.hpp"
#include "kindling/protocol/tx_messages.hpp"

#include "golden/hex.hpp"

using namespace kindling;
using namespace kindling::protocol;

namespace {

struct Golden {
    const char* request;  // hex of the payload Kindling sent
    const char* reply;    // hex of the payload the server answered
};

// What the node negotiated with Kindling's handshake: protocol 1.7.0, features 0xce 0x09 = bits
// 1 EXECUTE_TASK_BY_NAME, 2 CLUSTER_STATES, 3 CLUSTER_GROUP_GET_NODES_ENDPOINTS, 6
// DEFAULT_QRY_TIMEOUT, 7 QRY_PARTITIONS_BATCH_SIZE, 8 BINARY_CONFIGURATION, 11 HEARTBEAT
// (TX_AWARE_QUERIES, bit 18, was asked for and dropped: this cluster has tx-aware SQL off).
// The authenticated node negotiated the same.
const ProtocolContext kCtx{{1, 7, 0}, {0xce, 0x09}};

using kindling::test::to_hex;

std::vector<std::uint8_t> from_hex(std::string_view h) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < h.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
    return out;
}

template <class M>
std::string encoded(const M& m, const ProtocolContext& ctx = kCtx) {
    ByteWriter w;
    m.encode(w, ctx);
    return to_hex(w.bytes());
}

// Decodes the captured reply with M and checks nothing is left over.
template <Message M>
typename M::Reply reply_of(const Golden& g) {
    auto bytes = from_hex(g.reply);
    ByteReader r(bytes);
    auto reply = M::decode(r, kCtx);
    EXPECT_TRUE(r.at_end()) << r.remaining() << " bytes of the reply were not read";
    return reply;
}

// A message whose reply is empty: encodes to the captured request, and the server answered nothing.
template <Message M>
void expect_no_reply(const M& m, const Golden& g) {
    EXPECT_EQ(encoded(m), g.request);
    EXPECT_STREQ(g.reply, "");
    reply_of<M>(g);
}

std::optional<Value> opt(Value v) { return v; }
Value i32(std::int32_t v) { return Value(v); }

const CacheHeader kKv{cache_id("golden_kv"), std::nullopt, std::nullopt};
const CacheHeader kRepl{cache_id("golden_repl"), std::nullopt, std::nullopt};
const CacheHeader kScan{cache_id("golden_scan"), std::nullopt, std::nullopt};

// The three nodes of the cluster (UUIDs from their handshakes, as the server lists them).
const Uuid kNode10900{0x767cc9848f754d90ull, 0xb6f23de480fafb76ull};
const Uuid kNode10901{0xeaef8e22848a4049ull, 0xb875e6eceb4dc0d7ull};
const Uuid kNode10902{0xc09d1b240748433aull, 0x9ca595826ad2a441ull};

BinaryObjectBuilder golden_person() {
    BinaryObjectBuilder person("GoldenPerson");
    person.set("id", std::int32_t{7}).set("name", std::string("Ada"));
    return person;
}

// --- captured by tests/unit/golden/capture.cpp (Ignite 2.17.0) ----------------------------------
const Golden kHeartbeat{
    "",
    ""};
const Golden kGetIdleTimeout{
    "",
    "0000000000000000"};
const Golden kCacheCreateWithName{
    "0909000000676f6c64656e5f6b76",
    ""};
const Golden kCacheGetOrCreateWithName{
    "0909000000676f6c64656e5f6b76",
    ""};
const Golden kCacheCreateWithConfiguration{
    "3300000005000000090b000000676f6c64656e5f7265706c010001000000020000000000030001000000cb000906000000474f4c44454e",
    ""};
const Golden kCacheGetOrCreateWithConfiguration{
    "3300000005000000090b000000676f6c64656e5f7265706c010001000000020000000000030001000000cb000906000000474f4c44454e",
    ""};
const Golden kCacheGetConfiguration{
    "e5dcaa9400",
    "8800000000000000ffffff7f0100000001650100650000000000000000f401000000040000090b000000676f6c64656e5f7265706c00040000000000"
    "00000100000001000008000300000000000000000000000000000001000000000000000000000000000000102700000000000000ffffffff09060000"
    "00474f4c44454e02000000000000000000000000"};
const Golden kCacheGetOrCreateWithName_scan{
    "090b000000676f6c64656e5f7363616e",
    ""};
const Golden kCachePut{
    "6174b3b300030100000009030000006f6e65",
    ""};
const Golden kCacheGet_hit{
    "6174b3b3000301000000",
    "09030000006f6e65"};
const Golden kCacheGet_miss{
    "6174b3b3000302000000",
    "65"};
const Golden kCachePutIfAbsent_present{
    "6174b3b3000301000000090100000078",
    "00"};
const Golden kCachePutIfAbsent_absent{
    "6174b3b3000302000000090300000074776f",
    "01"};
const Golden kCacheGetAll{
    "6174b3b30003000000030100000003020000000303000000",
    "02000000030100000009030000006f6e650302000000090300000074776f"};
const Golden kCachePutAll{
    "6174b3b3000200000003030000000905000000746872656503040000000904000000666f7572",
    ""};
const Golden kCacheGetAndPut{
    "6174b3b30003010000000903000000756e6f",
    "09030000006f6e65"};
const Golden kCacheGetAndReplace{
    "6174b3b300030100000009030000006f6e65",
    "0903000000756e6f"};
const Golden kCacheGetAndRemove{
    "6174b3b3000304000000",
    "0904000000666f7572"};
const Golden kCacheGetAndPutIfAbsent{
    "6174b3b3000304000000090400000076696572",
    "65"};
const Golden kCacheReplace{
    "6174b3b30003040000000904000000666f7572",
    "01"};
const Golden kCacheReplaceIfEquals{
    "6174b3b30003040000000904000000666f75720904000000464f5552",
    "01"};
const Golden kCacheContainsKey{
    "6174b3b3000304000000",
    "01"};
const Golden kCacheContainsKeys{
    "6174b3b30003000000030100000003020000000305000000",
    "00"};
const Golden kCacheGetSize{
    "6174b3b30000000000",
    "0400000000000000"};
const Golden kCacheGetSize_primary{
    "6174b3b3000100000002",
    "0400000000000000"};
const Golden kCachePut_expiry{
    "6174b3b30480ee360000000000feffffffffffffffffffffffffffffff040a0000000000000002f9ff",
    ""};
const Golden kCacheClearKey{
    "6174b3b3000303000000",
    ""};
const Golden kCacheClearKeys{
    "6174b3b300010000000302000000",
    ""};
const Golden kCacheRemoveKey{
    "6174b3b3000301000000",
    "01"};
const Golden kCacheRemoveIfEquals{
    "6174b3b30003040000000904000000464f5552",
    "01"};
const Golden kCacheRemoveKeys{
    "6174b3b30002000000040a000000000000000305000000",
    ""};
const Golden kCacheLocalPeek{
    "6174b3b30003160000000100000002",
    "060000000000000440"};
const Golden kCacheLocalPeek_miss{
    "6174b3b30003ffffffff00000000",
    "65"};
const Golden kBinaryTypePut{
    "9ee5011d090c000000476f6c64656e506572736f6e650200000009020000006964030000001b0d000009040000006e616d65090000008b7a33000001"
    "000000f3f1dc39020000001b0d00008b7a3300",
    ""};
const Golden kBinaryTypeGet{
    "9ee5011d",
    "019ee5011d090c000000476f6c64656e506572736f6e650200000009020000006964030000001b0d000009040000006e616d65090000008b7a330000"
    "01000000f3f1dc39020000001b0d00008b7a3300"};
const Golden kBinaryTypeGet_unknown{
    "2cc91d1a",
    "00"};
const Golden kCachePut_object{
    "6174b3b300036400000067012b009ee5011dd3a8e02827000000f3f1dc392500000003070000000903000000416461181d",
    ""};
const Golden kCacheGet_object{
    "6174b3b3000364000000",
    "1b2700000067012b009ee5011dd3a8e02827000000f3f1dc392500000003070000000903000000416461181d00000000"};
const Golden kCacheRemoveAll{
    "6174b3b300",
    ""};
const Golden kCacheClear{
    "6174b3b300",
    ""};
const Golden kCachePutAll_scan{
    "f347ab940003000000030100000009010000006103020000000901000000620303000000090100000063",
    ""};
const Golden kScanQuery{
    "f347ab94006502000000ffffffff00",
    "0100000000000000020000000301000000090100000061030300000009010000006301"};
const Golden kScanCursorGetPage{
    "0100000000000000",
    "01000000030200000009010000006200"};
const Golden kScanQuery_one{
    "f347ab94006501000000ffffffff00",
    "020000000000000001000000030100000009010000006101"};
const Golden kResourceClose{
    "0200000000000000",
    ""};
const Golden kSqlFieldsQuery{
    "000000000009060000005055424c494302000000ffffffff092000000053454c45435420582046524f4d2053595354454d5f52414e474528312c2033"
    "290000000000000000000000000000000000000001ffffffff01000000",
    "0300000000000000010000000901000000580200000004010000000000000004020000000000000001"};
const Golden kSqlFieldsCursorGetPage{
    "0300000000000000",
    "0100000004030000000000000000"};
const Golden kTxStart{
    "010188130000000000000906000000676f6c64656e",
    "01000000"};
const Golden kCachePut_tx{
    "e5dcaa9402010000000901000000740801",
    ""};
const Golden kCachePut_tx_expiry{
    "e5dcaa9406ffffffffffffffff0000000000000000dc050000000000000100000009010000007507e900",
    ""};
const Golden kTxEnd{
    "0100000001",
    ""};
const Golden kCacheGetNames{
    "",
    "030000000909000000676f6c64656e5f6b76090b000000676f6c64656e5f7363616e090b000000676f6c64656e5f7265706c"};
const Golden kClusterGetState{
    "",
    "01"};
const Golden kClusterChangeState{
    "01",
    ""};
const Golden kClusterGroupGetNodeEndpoints{
    "ffffffffffffffffffffffffffffffff",
    "030000000000000003000000904d758f84c97c7676fbfa80e43df2b6942a00000100000009090000003132372e302e302e3149408a84228eefead7c0"
    "4debece675b8952a00000100000009090000003132372e302e302e313a434807241b9dc041a4d26a8295a59c962a0000010000000909000000313237"
    "2e302e302e3100000000"};
const Golden kCachePartitions{
    "01000000f347ab94",
    "03000000000000003e0000000100000001020000006174b3b300000000f347ab9400000000030000000a49408a84228eefead7c04debece675b86401"
    "000004000000050000000a0000000b00000010000000110000001200000014000000150000001c0000001d0000002100000023000000250000002600"
    "0000280000002a0000002b0000002c000000300000003100000035000000360000003a0000003b0000003c00000041000000440000004b0000004c00"
    "0000510000005200000055000000570000005b0000005d000000600000006200000064000000690000006a0000006b00000070000000730000007600"
    "0000780000007a0000007b00000082000000830000008400000085000000870000008a0000008f00000090000000930000009c0000009e0000009f00"
    "0000a1000000a8000000aa000000ac000000ae000000af000000b0000000b8000000ba000000bc000000be000000c2000000c3000000c6000000c700"
    "0000cd000000ce000000cf000000d0000000d6000000da000000dc000000de000000e0000000e2000000e3000000e4000000e7000000ec000000ef00"
    "0000f3000000f8000000fa000000fc000000fd000000fe000000ff0000000001000001010000070100000b0100000c01000014010000160100001801"
    "0000190100001a0100001b0100001e01000024010000290100002a0100002b0100002e0100002f010000300100003201000033010000350100003e01"
    "00003f01000045010000490100004e010000510100005601000057010000590100005d0100005e0100005f010000600100006e010000700100007501"
    "0000780100007b0100007e01000080010000820100008301000085010000870100008c0100008d010000900100009101000093010000990100009b01"
    "00009d0100009e010000a0010000a2010000a3010000a6010000a8010000af010000b1010000b2010000b4010000b6010000ba010000bb010000bd01"
    "0000c3010000c9010000ce010000cf010000d2010000d3010000d5010000d7010000d8010000e0010000e7010000e9010000ea010000ec010000ee01"
    "0000ef010000f1010000f2010000f3010000f7010000fc010000fe010000020200000502000007020000090200001002000015020000190200001a02"
    "00001f0200002202000023020000250200002702000028020000290200002e0200002f02000030020000310200003202000034020000360200003a02"
    "000040020000450200004a0200004c0200004d0200005402000056020000570200005c0200005f020000600200006102000062020000640200006502"
    "00006a0200006d0200006f0200007102000072020000760200007c0200007d0200007f0200008002000082020000840200008c0200008e0200009102"
    "00009502000097020000990200009c0200009d020000a2020000a3020000a4020000a7020000ab020000ad020000b3020000b4020000b5020000b802"
    "0000bc020000c1020000c3020000c6020000c7020000c9020000ce020000d0020000d4020000d6020000db020000dd020000e5020000e7020000e902"
    "0000ef020000f1020000f2020000f6020000fa0200000003000002030000060300000b0300000f03000010030000190300001b030000200300002103"
    "000022030000230300002403000027030000290300002d0300002e0300003303000036030000380300003e0300004303000046030000470300004b03"
    "00004d0300004f03000052030000560300005703000059030000600300006403000066030000690300006b0300006e0300006f030000700300007103"
    "000072030000770300007e030000830300008503000087030000890300008f0300009b0300009e0300009f030000a0030000a5030000a6030000ac03"
    "0000ad030000b1030000b9030000bd030000c0030000c9030000d3030000d5030000d6030000d8030000d9030000da030000dc030000e2030000e703"
    "0000e8030000e9030000eb030000ec030000ed030000f0030000f1030000f5030000fb030000fc030000fd0300000a904d758f84c97c7676fbfa80e4"
    "3df2b6580100000000000001000000030000000700000008000000090000000d0000000f000000160000001800000019000000200000002400000027"
    "0000002d000000380000003d0000003e00000045000000470000004d0000004f000000590000005c0000005e0000005f000000610000006300000068"
    "0000006d0000006e0000007200000074000000790000007c0000007d0000007f00000080000000860000008800000089000000910000009500000096"
    "00000097000000990000009b000000a2000000a3000000a7000000ab000000b1000000b4000000b6000000b9000000bb000000bd000000bf000000c4"
    "000000ca000000cb000000cc000000d3000000d5000000d7000000d9000000e1000000e5000000eb000000ed000000f0000000f1000000f2000000f4"
    "000000f700000002010000040100000501000006010000080100000e0100000f010000100100001101000012010000170100001d0100001f01000020"
    "010000210100002301000025010000260100002c0100002d01000031010000340100003601000037010000390100003a0100003b0100003d01000041"
    "01000043010000480100004a0100004b0100004d01000050010000520100005301000054010000580100006201000065010000660100006701000068"
    "0100006a0100006f010000710100007201000073010000760100007d01000081010000890100008a0100008e0100008f010000940100009c0100009f"
    "010000a4010000a5010000a7010000a9010000aa010000ab010000ad010000ae010000b0010000b7010000b8010000c0010000c2010000c7010000c8"
    "010000cd010000d6010000da010000db010000dc010000de010000e4010000e5010000e6010000e8010000eb010000f0010000f4010000f5010000f8"
    "010000f9010000fa010000fd010000000200000102000004020000060200000b0200000e020000120200001302000014020000170200001b0200001c"
    "0200001d0200002002000024020000260200002d0200003302000035020000390200003d0200003e0200004102000046020000500200005102000052"
    "0200005302000058020000590200005a020000670200006c0200007302000075020000770200007a0200008102000083020000850200008a0200008d"
    "0200008f02000090020000920200009402000096020000980200009a0200009e0200009f020000a0020000a6020000aa020000ac020000b0020000b1"
    "020000b7020000b9020000ba020000be020000bf020000c8020000cb020000cd020000cf020000d5020000d7020000d8020000d9020000da020000dc"
    "020000de020000df020000e0020000e1020000e3020000e4020000ea020000eb020000ec020000ed020000f0020000f5020000f7020000f8020000fb"
    "0200000103000008030000090300000d0300001503000017030000180300001c0300001d030000260300002f03000030030000310300003203000034"
    "03000037030000390300003a0300003b0300003d0300003f030000420300004503000048030000490300004a0300004c030000500300005303000055"
    "030000580300005a0300005b0300005f0300006103000063030000680300006c0300006d03000076030000780300007a0300007b0300007c0300007d"
    "03000080030000860300008b0300008c0300008d0300009003000091030000940300009503000097030000990300009a030000aa030000ab030000af"
    "030000b2030000b4030000b5030000b6030000b8030000bc030000be030000c1030000c2030000c4030000c5030000c6030000cf030000d2030000d7"
    "030000db030000dd030000de030000df030000e0030000e4030000ee030000ef030000f3030000f4030000f8030000f9030000fa030000fe030000ff"
    "0300000a3a434807241b9dc041a4d26a8295a59c4401000002000000060000000c0000000e00000013000000170000001a0000001b0000001e000000"
    "1f00000022000000290000002e0000002f00000032000000330000003400000037000000390000003f00000040000000420000004300000046000000"
    "48000000490000004a0000004e00000050000000530000005400000056000000580000005a0000006500000066000000670000006c0000006f000000"
    "7100000075000000770000007e000000810000008b0000008c0000008d0000008e0000009200000094000000980000009a0000009d000000a0000000"
    "a4000000a5000000a6000000a9000000ad000000b2000000b3000000b5000000b7000000c0000000c1000000c5000000c8000000c9000000d1000000"
    "d2000000d4000000d8000000db000000dd000000df000000e6000000e8000000e9000000ea000000ee000000f5000000f6000000f9000000fb000000"
    "03010000090100000a0100000d01000013010000150100001c010000220100002701000028010000380100003c010000400100004201000044010000"
    "46010000470100004c0100004f010000550100005a0100005b0100005c010000610100006301000064010000690100006b0100006c0100006d010000"
    "7401000077010000790100007a0100007c0100007f0100008401000086010000880100008b0100009201000095010000960100009701000098010000"
    "9a010000a1010000ac010000b3010000b5010000b9010000bc010000be010000bf010000c1010000c4010000c5010000c6010000ca010000cb010000"
    "cc010000d0010000d1010000d4010000d9010000dd010000df010000e1010000e2010000e3010000ed010000f6010000fb010000ff01000003020000"
    "080200000a0200000c0200000d0200000f0200001102000016020000180200001e020000210200002a0200002b0200002c0200003702000038020000"
    "3b0200003c0200003f0200004202000043020000440200004702000048020000490200004b0200004e0200004f020000550200005b0200005d020000"
    "5e020000630200006602000068020000690200006b0200006e020000700200007402000078020000790200007b0200007e0200008602000087020000"
    "88020000890200008b020000930200009b020000a1020000a5020000a8020000a9020000ae020000af020000b2020000b6020000bb020000bd020000"
    "c0020000c2020000c4020000c5020000ca020000cc020000d1020000d2020000d3020000e2020000e6020000e8020000ee020000f3020000f4020000"
    "f9020000fc020000fd020000fe020000ff020000030300000403000005030000070300000a0300000c0300000e030000110300001203000013030000"
    "14030000160300001a0300001e0300001f03000025030000280300002a0300002b0300002c030000350300003c030000400300004103000044030000"
    "4e03000051030000540300005c0300005d0300005e0300006203000065030000670300006a030000730300007403000075030000790300007f030000"
    "810300008203000084030000880300008a0300008e030000920300009303000096030000980300009c0300009d030000a1030000a2030000a3030000"
    "a4030000a7030000a8030000a9030000ae030000b0030000b3030000b7030000ba030000bb030000bf030000c3030000c7030000c8030000ca030000"
    "cb030000cc030000cd030000ce030000d0030000d1030000d4030000e1030000e3030000e5030000e6030000ea030000f2030000f6030000f7030000"};
const Golden kContinuousQueryStart{
    "6174b3b3000100000000000000000000000065",
    "0400000000000000"};
const Golden kCachePut_cq{
    "6174b3b300033200000009020000006371",
    ""};
const Golden kContinuousQueryEvent{
    "",
    "010000000332000000650902000000637100"};
const Golden kResourceClose_cq{
    "0400000000000000",
    ""};
const Golden kComputeTaskExecute{
    "000000000000000000000000000922000000696f2e6b696e646c696e672e636c75737465722e576f72644c656e6774685461736b090f00000068656c"
    "6c6f2062696720776f726c64",
    "0500000000000000"};
const Golden kComputeTaskFinished{
    "",
    "030d000000"};
const Golden kCacheDestroy{
    "6174b3b3",
    ""};
const Golden kCacheDestroy_repl{
    "e5dcaa94",
    ""};
const Golden kCacheDestroy_scan{
    "f347ab94",
    ""};
const Golden kCacheGetOrCreateWithName_wal{
    "090a000000676f6c64656e5f77616c",
    ""};
const Golden kClusterGetWalState{
    "090a000000676f6c64656e5f77616c",
    "01"};
const Golden kClusterChangeWalState{
    "090a000000676f6c64656e5f77616c00",
    "01"};
const Golden kClusterGetWalState_off{
    "090a000000676f6c64656e5f77616c",
    "00"};
const Golden kClusterChangeWalState_on{
    "090a000000676f6c64656e5f77616c01",
    "01"};
const Golden kCacheDestroy_wal{
    "ac42bbc2",
    ""};

}  // namespace

// --- connection ------------------------------------------------------------------------------

TEST(GoldenMessages, HeartbeatAndIdleTimeout) {
    expect_no_reply(Heartbeat{}, kHeartbeat);
    EXPECT_EQ(encoded(GetIdleTimeout{}), kGetIdleTimeout.request);
    EXPECT_EQ(reply_of<GetIdleTimeout>(kGetIdleTimeout), std::chrono::milliseconds(0));  // the node has no idle timeout
    // Both need feature HEARTBEAT (bit 11): without it they are refused before anything is sent.
    ProtocolContext old{{1, 7, 0}, {0xce, 0x01}};
    EXPECT_THROW(encoded(Heartbeat{}, old), UnsupportedError);
    EXPECT_THROW(encoded(GetIdleTimeout{}, old), UnsupportedError);
}

// --- cache admin -----------------------------------------------------------------------------

CacheConfiguration golden_repl_config() {
    CacheConfiguration cfg;
    cfg.name = "golden_repl";
    cfg.cache_mode = CacheMode::Replicated;
    cfg.atomicity_mode = CacheAtomicityMode::Transactional;
    cfg.backups = 1;
    cfg.sql_schema = "GOLDEN";
    return cfg;
}

TEST(GoldenMessages, CreateCachesByNameAndByConfiguration) {
    expect_no_reply(CacheCreateWithName{"golden_kv"}, kCacheCreateWithName);
    expect_no_reply(CacheGetOrCreateWithName{"golden_kv"}, kCacheGetOrCreateWithName);
    expect_no_reply(CacheGetOrCreateWithName{"golden_scan"}, kCacheGetOrCreateWithName_scan);
    expect_no_reply(CacheCreateWithConfiguration{golden_repl_config()}, kCacheCreateWithConfiguration);
    expect_no_reply(CacheGetOrCreateWithConfiguration{golden_repl_config()}, kCacheGetOrCreateWithConfiguration);
    EXPECT_THROW(encoded(CacheCreateWithName{""}), std::invalid_argument);
}

TEST(GoldenMessages, CacheConfigurationAsTheServerReportsIt) {
    EXPECT_EQ(encoded(CacheGetConfiguration{cache_id("golden_repl")}), kCacheGetConfiguration.request);
    auto c = reply_of<CacheGetConfiguration>(kCacheGetConfiguration);
    EXPECT_EQ(c.name, "golden_repl");
    EXPECT_EQ(c.cache_mode, CacheMode::Replicated);
    EXPECT_EQ(c.atomicity_mode, CacheAtomicityMode::Transactional);
    EXPECT_EQ(c.backups, 0x7fffffff);  // a replicated cache reports Integer.MAX_VALUE backups, not the 1 asked for
    EXPECT_EQ(c.sql_schema, "GOLDEN");
    // Server defaults of 2.17 for what was not set.
    EXPECT_EQ(c.copy_on_read, true);
    EXPECT_EQ(c.data_region_name, std::nullopt);
    EXPECT_EQ(c.group_name, std::nullopt);
    EXPECT_EQ(c.max_concurrent_async_operations, 500);
    EXPECT_EQ(c.max_query_iterators, 1024);
    EXPECT_EQ(c.partition_loss_policy, PartitionLossPolicy::Ignore);
    EXPECT_EQ(c.query_parallelism, 1);
    EXPECT_EQ(c.read_from_backup, true);
    EXPECT_EQ(c.rebalance_batch_size, 512 * 1024);
    EXPECT_EQ(c.rebalance_batches_prefetch_count, 3);
    EXPECT_EQ(c.rebalance_mode, RebalanceMode::Async);
    EXPECT_EQ(c.rebalance_timeout_ms, 10000);
    EXPECT_EQ(c.sql_index_max_inline_size, -1);
    EXPECT_EQ(c.write_synchronization_mode, WriteSynchronizationMode::PrimarySync);
    EXPECT_EQ(c.key_configuration, std::vector<CacheKeyConfiguration>{});
    EXPECT_EQ(c.query_entities, std::vector<QueryEntity>{});
    EXPECT_EQ(c.expiry_policy, std::nullopt);
}

TEST(GoldenMessages, DestroyCachesById) {
    // The cache id alone: no flags byte.
    expect_no_reply(CacheDestroy{cache_id("golden_kv")}, kCacheDestroy);
    expect_no_reply(CacheDestroy{cache_id("golden_repl")}, kCacheDestroy_repl);
    expect_no_reply(CacheDestroy{cache_id("golden_scan")}, kCacheDestroy_scan);
    expect_no_reply(CacheDestroy{cache_id("golden_wal")}, kCacheDestroy_wal);
}

// --- key-value, in the order the capture ran them on golden_kv ---------------------------------

TEST(GoldenMessages, PutThenGetAHitAndAMiss) {
    expect_no_reply(CachePut{kKv, i32(1), Value("one")}, kCachePut);
    EXPECT_EQ(encoded(CacheGet{kKv, i32(1)}), kCacheGet_hit.request);
    EXPECT_EQ(reply_of<CacheGet>(kCacheGet_hit), opt(Value("one")));
    EXPECT_EQ(encoded(CacheGet{kKv, i32(2)}), kCacheGet_miss.request);
    EXPECT_EQ(reply_of<CacheGet>(kCacheGet_miss), std::nullopt);
}

TEST(GoldenMessages, PutIfAbsent) {
    EXPECT_EQ(encoded(CachePutIfAbsent{kKv, i32(1), Value("x")}), kCachePutIfAbsent_present.request);
    EXPECT_FALSE(reply_of<CachePutIfAbsent>(kCachePutIfAbsent_present));
    EXPECT_EQ(encoded(CachePutIfAbsent{kKv, i32(2), Value("two")}), kCachePutIfAbsent_absent.request);
    EXPECT_TRUE(reply_of<CachePutIfAbsent>(kCachePutIfAbsent_absent));
}

TEST(GoldenMessages, GetAllReturnsOnlyTheKeysThatHaveEntries) {
    EXPECT_EQ(encoded(CacheGetAll{kKv, {i32(1), i32(2), i32(3)}}), kCacheGetAll.request);
    EXPECT_EQ(reply_of<CacheGetAll>(kCacheGetAll), (KeyValuePairs{{i32(1), Value("one")}, {i32(2), Value("two")}}));
}

TEST(GoldenMessages, PutAll) {
    expect_no_reply(CachePutAll{kKv, {{i32(3), Value("three")}, {i32(4), Value("four")}}}, kCachePutAll);
}

TEST(GoldenMessages, GetAndPutReplaceRemovePutIfAbsent) {
    EXPECT_EQ(encoded(CacheGetAndPut{kKv, i32(1), Value("uno")}), kCacheGetAndPut.request);
    EXPECT_EQ(reply_of<CacheGetAndPut>(kCacheGetAndPut), opt(Value("one")));
    EXPECT_EQ(encoded(CacheGetAndReplace{kKv, i32(1), Value("one")}), kCacheGetAndReplace.request);
    EXPECT_EQ(reply_of<CacheGetAndReplace>(kCacheGetAndReplace), opt(Value("uno")));
    EXPECT_EQ(encoded(CacheGetAndRemove{kKv, i32(4)}), kCacheGetAndRemove.request);
    EXPECT_EQ(reply_of<CacheGetAndRemove>(kCacheGetAndRemove), opt(Value("four")));
    EXPECT_EQ(encoded(CacheGetAndPutIfAbsent{kKv, i32(4), Value("vier")}), kCacheGetAndPutIfAbsent.request);
    EXPECT_EQ(reply_of<CacheGetAndPutIfAbsent>(kCacheGetAndPutIfAbsent), std::nullopt);  // absent: "vier" was put
}

TEST(GoldenMessages, ReplaceAndReplaceIfEquals) {
    EXPECT_EQ(encoded(CacheReplace{kKv, i32(4), Value("four")}), kCacheReplace.request);
    EXPECT_TRUE(reply_of<CacheReplace>(kCacheReplace));
    EXPECT_EQ(encoded(CacheReplaceIfEquals{kKv, i32(4), Value("four"), Value("FOUR")}), kCacheReplaceIfEquals.request);
    EXPECT_TRUE(reply_of<CacheReplaceIfEquals>(kCacheReplaceIfEquals));
}

TEST(GoldenMessages, ContainsKeyAndKeys) {
    EXPECT_EQ(encoded(CacheContainsKey{kKv, i32(4)}), kCacheContainsKey.request);
    EXPECT_TRUE(reply_of<CacheContainsKey>(kCacheContainsKey));
    EXPECT_EQ(encoded(CacheContainsKeys{kKv, {i32(1), i32(2), i32(5)}}), kCacheContainsKeys.request);
    EXPECT_FALSE(reply_of<CacheContainsKeys>(kCacheContainsKeys));  // 5 has no entry
}

TEST(GoldenMessages, GetSizeWithAndWithoutPeekModes) {
    EXPECT_EQ(encoded(CacheGetSize{kKv, {}}), kCacheGetSize.request);
    EXPECT_EQ(reply_of<CacheGetSize>(kCacheGetSize), 4);
    EXPECT_EQ(encoded(CacheGetSize{kKv, {PeekMode::Primary}}), kCacheGetSize_primary.request);
    EXPECT_EQ(reply_of<CacheGetSize>(kCacheGetSize_primary), 4);  // the primaries of all three nodes
}

TEST(GoldenMessages, AnExpiryPolicyInTheHeader) {
    CacheHeader h = kKv;
    h.expiry = ExpiryPolicy{3'600'000, ExpiryPolicy::unchanged, ExpiryPolicy::eternal};
    // flags 0x04, then create/update/access as int64; a long key and a short value.
    expect_no_reply(CachePut{h, Value(std::int64_t{10}), Value(std::int16_t{-7})}, kCachePut_expiry);
    // Before 1.6.0 there is no expiry in the header: refused rather than sent malformed.
    EXPECT_THROW(encoded(CachePut{h, Value(std::int64_t{10}), Value(std::int16_t{-7})}, ProtocolContext{{1, 5, 0}, {}}),
                 UnsupportedError);
}

TEST(GoldenMessages, ClearAndRemoveByKeys) {
    expect_no_reply(CacheClearKey{kKv, i32(3)}, kCacheClearKey);
    expect_no_reply(CacheClearKeys{kKv, {i32(2)}}, kCacheClearKeys);
    EXPECT_EQ(encoded(CacheRemoveKey{kKv, i32(1)}), kCacheRemoveKey.request);
    EXPECT_TRUE(reply_of<CacheRemoveKey>(kCacheRemoveKey));
    EXPECT_EQ(encoded(CacheRemoveIfEquals{kKv, i32(4), Value("FOUR")}), kCacheRemoveIfEquals.request);
    EXPECT_TRUE(reply_of<CacheRemoveIfEquals>(kCacheRemoveIfEquals));
    expect_no_reply(CacheRemoveKeys{kKv, {Value(std::int64_t{10}), i32(5)}}, kCacheRemoveKeys);
}

TEST(GoldenMessages, LocalPeekOnThePrimaryAndAMiss) {
    // Key 22's primary is the node the capture was connected to (10900).
    EXPECT_EQ(encoded(CacheLocalPeek{kKv, i32(22), {PeekMode::Primary}}), kCacheLocalPeek.request);
    EXPECT_EQ(reply_of<CacheLocalPeek>(kCacheLocalPeek), opt(Value(2.5)));
    EXPECT_EQ(encoded(CacheLocalPeek{kKv, i32(-1), {}}), kCacheLocalPeek_miss.request);
    EXPECT_EQ(reply_of<CacheLocalPeek>(kCacheLocalPeek_miss), std::nullopt);
}

TEST(GoldenMessages, RemoveAllAndClear) {
    expect_no_reply(CacheRemoveAll{kKv}, kCacheRemoveAll);
    expect_no_reply(CacheClear{kKv}, kCacheClear);
}

// --- binary types and objects ----------------------------------------------------------------

TEST(GoldenMessages, RegisterAndReadBackABinaryType) {
    auto person = golden_person();
    expect_no_reply(BinaryTypePut{person.metadata()}, kBinaryTypePut);
    EXPECT_EQ(encoded(BinaryTypeGet{person.type_id()}), kBinaryTypeGet.request);
    auto meta = reply_of<BinaryTypeGet>(kBinaryTypeGet);
    ASSERT_TRUE(meta.has_value());
    EXPECT_EQ(*meta, person.metadata());  // the server hands back exactly what was registered
    EXPECT_EQ(meta->type_name, "GoldenPerson");
    ASSERT_EQ(meta->fields.size(), 2u);
    EXPECT_EQ(meta->fields[1].name, "name");
    EXPECT_EQ(meta->fields[1].type_code, 9);
    EXPECT_EQ(encoded(BinaryTypeGet{type_id("GoldenNobody")}), kBinaryTypeGet_unknown.request);
    EXPECT_EQ(reply_of<BinaryTypeGet>(kBinaryTypeGet_unknown), std::nullopt);
}

TEST(GoldenMessages, AnObjectValueComesBackWrappedAndUnwrapsToTheSameBytes) {
    auto person = golden_person();
    expect_no_reply(CachePut{kKv, i32(100), Value(person.build())}, kCachePut_object);
    EXPECT_EQ(encoded(CacheGet{kKv, i32(100)}), kCacheGet_object.request);
    std::string reply = kCacheGet_object.reply;
    EXPECT_EQ(reply.substr(0, 2), "1b");  // type 27: array, then the root object's offset
    auto v = reply_of<CacheGet>(kCacheGet_object);
    ASSERT_TRUE(v && v->is<BinaryObject>());
    EXPECT_EQ(v->get<BinaryObject>(), person.build());
    auto meta = person.metadata();
    EXPECT_EQ(BinaryObjectReader(v->get<BinaryObject>(), &meta).field("name"), Value("Ada"));
}

// --- scan --------------------------------------------------------------------------------------

TEST(GoldenMessages, ScanTwoPagesThenAnAbandonedCursorIsClosed) {
    expect_no_reply(CachePutAll{kScan, {{i32(1), Value("a")}, {i32(2), Value("b")}, {i32(3), Value("c")}}}, kCachePutAll_scan);
    EXPECT_EQ(encoded(ScanQuery{kScan, 2, -1, false}), kScanQuery.request);
    auto first = reply_of<ScanQuery>(kScanQuery);
    EXPECT_EQ(first.cursor_id, 1);
    EXPECT_EQ(first.page, (ScanPage{{{i32(1), Value("a")}, {i32(3), Value("c")}}, true}));  // partition order
    EXPECT_EQ(encoded(ScanCursorGetPage{1}), kScanCursorGetPage.request);
    EXPECT_EQ(reply_of<ScanCursorGetPage>(kScanCursorGetPage), (ScanPage{{{i32(2), Value("b")}}, false}));

    EXPECT_EQ(encoded(ScanQuery{kScan, 1, -1, false}), kScanQuery_one.request);
    auto one = reply_of<ScanQuery>(kScanQuery_one);
    EXPECT_EQ(one.cursor_id, 2);
    EXPECT_EQ(one.page, (ScanPage{{{i32(1), Value("a")}}, true}));
    ByteWriter close;
    encode_resource_id(close, one.cursor_id);  // OP_RESOURCE_CLOSE (0)
    EXPECT_EQ(to_hex(close.bytes()), kResourceClose.request);
    EXPECT_STREQ(kResourceClose.reply, "");
}

TEST(GoldenMessages, AScanSendsTheTransactionOnlyToServersThatReadIt) {
    CacheHeader in_tx = kScan;
    in_tx.tx_id = 3;
    // This node did not negotiate TX_AWARE_QUERIES: the request is the plain one.
    EXPECT_EQ(encoded(ScanQuery{in_tx, 2, -1, false}), kScanQuery.request);
    ProtocolContext tx_aware = kCtx;
    tx_aware.features = {0xce, 0x09, 0x04};  // + bit 18
    EXPECT_EQ(encoded(ScanQuery{in_tx, 2, -1, false}, tx_aware), "f347ab940203000000" "6502000000ffffffff00");
    EXPECT_THROW(encoded(ScanQuery{kScan, 0, -1, false}), std::invalid_argument);
}

// --- SQL fields (2004/2005) through sql_fields_query.hpp -----------------------------------------

TEST(GoldenMessages, SqlFieldsQueryAndItsNextPage) {
    SqlFieldsQuery q;
    q.sql = "SELECT X FROM SYSTEM_RANGE(1, 3)";
    q.page_size = 2;
    ByteWriter w;
    q.encode(w, kCtx);
    EXPECT_EQ(to_hex(w.bytes()), kSqlFieldsQuery.request);
    auto bytes = from_hex(kSqlFieldsQuery.reply);
    ByteReader r(bytes);
    auto first = decode_sql_fields_response(r, true);
    EXPECT_TRUE(r.at_end());
    EXPECT_EQ(first.cursor_id, 3);
    EXPECT_EQ(first.column_names, std::vector<std::string>{"X"});
    EXPECT_EQ(first.page.cells, (std::vector<Value>{Value(std::int64_t{1}), Value(std::int64_t{2})}));
    EXPECT_TRUE(first.page.has_more);

    ByteWriter next;
    encode_resource_id(next, first.cursor_id);
    EXPECT_EQ(to_hex(next.bytes()), kSqlFieldsCursorGetPage.request);
    auto page_bytes = from_hex(kSqlFieldsCursorGetPage.reply);
    ByteReader pr(page_bytes);
    decode_sql_fields_page(pr, first.page);
    EXPECT_TRUE(pr.at_end());
    EXPECT_EQ(first.page.cells, std::vector<Value>{Value(std::int64_t{3})});
    EXPECT_FALSE(first.page.has_more);
}

// --- transactions (4000/4001) through tx_messages.hpp; a put inside one ---------------------------

TEST(GoldenMessages, ATransactionWithOnePut) {
    ByteWriter start;
    encode_tx_start(start, TxConcurrency::Pessimistic, TxIsolation::RepeatableRead, 5000, "golden");
    EXPECT_EQ(to_hex(start.bytes()), kTxStart.request);
    auto bytes = from_hex(kTxStart.reply);
    ByteReader r(bytes);
    auto tx_id = r.read_i32();
    EXPECT_EQ(tx_id, 1);  // the first transaction of the connection
    EXPECT_TRUE(r.at_end());

    CacheHeader in_tx = kRepl;
    in_tx.tx_id = tx_id;  // flags 0x02, then the tx id
    expect_no_reply(CachePut{in_tx, Value("t"), Value(true)}, kCachePut_tx);
    CacheHeader in_tx_expiry = in_tx;  // flags 0x06: the expiry policy first, then the tx id
    in_tx_expiry.expiry = ExpiryPolicy{ExpiryPolicy::eternal, 0, 1500};
    expect_no_reply(CachePut{in_tx_expiry, Value("u"), Value(Char{u'\u00e9'})}, kCachePut_tx_expiry);

    ByteWriter end;
    encode_tx_end(end, tx_id, true);
    EXPECT_EQ(to_hex(end.bytes()), kTxEnd.request);
    EXPECT_STREQ(kTxEnd.reply, "");
}

// --- cluster -----------------------------------------------------------------------------------

TEST(GoldenMessages, CacheNames) {
    EXPECT_EQ(encoded(CacheGetNames{}), kCacheGetNames.request);
    auto names = reply_of<CacheGetNames>(kCacheGetNames);
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"golden_kv", "golden_repl", "golden_scan"}));
}

TEST(GoldenMessages, ClusterStateGetAndChange) {
    EXPECT_EQ(encoded(ClusterGetState{}), kClusterGetState.request);
    EXPECT_EQ(reply_of<ClusterGetState>(kClusterGetState), ClusterState::Active);
    expect_no_reply(ClusterChangeState{ClusterState::Active}, kClusterChangeState);
    EXPECT_THROW(encoded(ClusterChangeState{ClusterState::ActiveReadOnly}, ProtocolContext{{1, 7, 0}, {0x00}}),
                 UnsupportedError);
}

TEST(GoldenMessages, WalStateOfAPersistentCache) {
    expect_no_reply(CacheGetOrCreateWithName{"golden_wal"}, kCacheGetOrCreateWithName_wal);
    EXPECT_EQ(encoded(ClusterGetWalState{"golden_wal"}), kClusterGetWalState.request);
    EXPECT_TRUE(reply_of<ClusterGetWalState>(kClusterGetWalState));
    EXPECT_EQ(encoded(ClusterChangeWalState{"golden_wal", false}), kClusterChangeWalState.request);
    EXPECT_TRUE(reply_of<ClusterChangeWalState>(kClusterChangeWalState));
    EXPECT_EQ(encoded(ClusterGetWalState{"golden_wal"}), kClusterGetWalState_off.request);
    EXPECT_FALSE(reply_of<ClusterGetWalState>(kClusterGetWalState_off));
    EXPECT_EQ(encoded(ClusterChangeWalState{"golden_wal", true}), kClusterChangeWalState_on.request);
    EXPECT_TRUE(reply_of<ClusterChangeWalState>(kClusterChangeWalState_on));
}

TEST(GoldenMessages, NodeEndpointsOfTheWholeTopology) {
    EXPECT_EQ(encoded(ClusterGroupGetNodeEndpoints{}), kClusterGroupGetNodeEndpoints.request);
    auto d = reply_of<ClusterGroupGetNodeEndpoints>(kClusterGroupGetNodeEndpoints);
    EXPECT_EQ(d.topology_version, 3);
    EXPECT_EQ(d.added, (std::vector<NodeEndpoints>{{kNode10900, 10900, {"127.0.0.1"}},
                                                   {kNode10901, 10901, {"127.0.0.1"}},
                                                   {kNode10902, 10902, {"127.0.0.1"}}}));
    EXPECT_TRUE(d.removed.empty());
}

TEST(GoldenMessages, PartitionsOfACacheAcrossThreeNodes) {
    EXPECT_EQ(encoded(CachePartitions{{cache_id("golden_scan")}}), kCachePartitions.request);
    auto m = reply_of<CachePartitions>(kCachePartitions);
    EXPECT_EQ(m.version, (AffinityTopologyVersion{3, 62}));
    // The server adds golden_kv: it shares golden_scan's (default) mapping.
    ASSERT_EQ(m.caches.size(), 2u);
    ASSERT_TRUE(m.caches.count(cache_id("golden_kv")));
    const auto& a = m.caches.at(cache_id("golden_scan"));
    EXPECT_EQ(m.caches.at(cache_id("golden_kv")), a);
    EXPECT_TRUE(a.applicable);
    EXPECT_TRUE(a.key_config.empty());
    ASSERT_EQ(a.primary_of_partition.size(), 1024u);  // RendezvousAffinityFunction's default
    EXPECT_EQ(a.primary_of_partition[0], kNode10900);
    EXPECT_EQ(a.primary_of_partition[2], kNode10902);
    EXPECT_EQ(a.primary_of_partition[4], kNode10901);
    auto owned_by = [&](const Uuid& n) { return std::count(a.primary_of_partition.begin(), a.primary_of_partition.end(), n); };
    EXPECT_EQ(owned_by(kNode10901), 356);
    EXPECT_EQ(owned_by(kNode10900), 344);
    EXPECT_EQ(owned_by(kNode10902), 324);
    // Key 22 of the local-peek case is primary on 10900, as the server's own peek said.
    EXPECT_EQ(a.primary_of_partition[static_cast<std::size_t>(partition_for_hash(22, 1024))], kNode10900);
    EXPECT_THROW(encoded(CachePartitions{{1}}, ProtocolContext{{1, 3, 0}, {}}), UnsupportedError);
}

// --- notifications: a continuous query and a compute task -------------------------------------

TEST(GoldenMessages, AContinuousQuerySeesAPutAndIsClosed) {
    ContinuousQueryStart cq;
    cq.cache_id = cache_id("golden_kv");
    EXPECT_EQ(encoded(cq), kContinuousQueryStart.request);
    auto resource = reply_of<ContinuousQueryStart>(kContinuousQueryStart);
    EXPECT_EQ(resource, 4);
    expect_no_reply(CachePut{kKv, i32(50), Value("cq")}, kCachePut_cq);
    auto bytes = from_hex(kContinuousQueryEvent.reply);
    ByteReader r(bytes);
    auto events = ContinuousQueryEvents::decode(r, kCtx);
    EXPECT_TRUE(r.at_end());
    EXPECT_EQ(events, (std::vector<CacheEntryEvent>{{i32(50), Value(), Value("cq"), CacheEntryEventType::Created}}));
    ByteWriter close;
    encode_resource_id(close, resource);
    EXPECT_EQ(to_hex(close.bytes()), kResourceClose_cq.request);
    EXPECT_STREQ(kResourceClose_cq.reply, "");
}

TEST(GoldenMessages, AComputeTaskAndItsResult) {
    ComputeTaskExecute task;
    task.task_name = "io.kindling.cluster.WordLengthTask";
    task.argument = Value("hello big world");
    EXPECT_EQ(encoded(task), kComputeTaskExecute.request);
    EXPECT_EQ(reply_of<ComputeTaskExecute>(kComputeTaskExecute), 5);  // the task id the result comes under
    auto bytes = from_hex(kComputeTaskFinished.reply);
    ByteReader r(bytes);
    EXPECT_EQ(ComputeTaskFinished::decode(r, kCtx), i32(13));  // "hello big world" has 13 letters
    EXPECT_TRUE(r.at_end());
    EXPECT_THROW(encoded(task, ProtocolContext{{1, 7, 0}, {0x00}}), UnsupportedError);
}

// --- coverage: every op code the project sends has a case above --------------------------------

TEST(GoldenMessages, EveryOpCodeTheProjectSendsIsCovered) {
    // Kept in step with `grep -rn "OpCode::" kvapi/ driver/ protocol/` and the messages' op codes.
    std::set<OpCode> covered{
        Heartbeat::op, GetIdleTimeout::op, OpCode::ResourceClose,
        CacheGet::op, CachePut::op, CachePutIfAbsent::op, CacheGetAll::op, CachePutAll::op, CacheGetAndPut::op,
        CacheGetAndReplace::op, CacheGetAndRemove::op, CacheGetAndPutIfAbsent::op, CacheReplace::op,
        CacheReplaceIfEquals::op, CacheContainsKey::op, CacheContainsKeys::op, CacheClear::op, CacheClearKey::op,
        CacheClearKeys::op, CacheRemoveKey::op, CacheRemoveIfEquals::op, CacheRemoveKeys::op, CacheRemoveAll::op,
        CacheGetSize::op, CacheLocalPeek::op,
        CacheGetNames::op, CacheCreateWithName::op, CacheGetOrCreateWithName::op, CacheCreateWithConfiguration::op,
        CacheGetOrCreateWithConfiguration::op, CacheGetConfiguration::op, CacheDestroy::op,
        CachePartitions::op, ScanQuery::op, ScanCursorGetPage::op, OpCode::QuerySqlFields,
        OpCode::QuerySqlFieldsCursorGetPage, ContinuousQueryStart::op, BinaryTypeGet::op, BinaryTypePut::op,
        OpCode::TxStart, OpCode::TxEnd, ClusterGetState::op, ClusterChangeState::op, ClusterChangeWalState::op,
        ClusterGetWalState::op, ClusterGroupGetNodeEndpoints::op, ComputeTaskExecute::op,
    };
    EXPECT_EQ(covered.size(), 48u);
}
