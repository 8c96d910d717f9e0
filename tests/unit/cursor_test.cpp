// net::QueryCursor and net::ServerTransaction over a scripted engine (no server): which requests
// they send, with which payload bytes, and that a cursor or a transaction is ended exactly once —
// after its last page, after an explicit close, a failed close, a lost connection, a move.
// tests/integration/cursor_test.cpp runs the same against the real cluster.
#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <stdexcept>

#include "kindling/net/cursor.hpp"
#include "kindling/net/server_transaction.hpp"
#include "kindling/protocol/binary_codec.hpp"
#include "kindling/protocol/byte_writer.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/sql_fields_query.hpp"
#include "kindling/protocol/tx_messages.hpp"

using namespace kindling;

namespace {

using Bytes = std::vector<std::uint8_t>;

// An engine that records every request and answers from a script (a payload, or an exception).
class ScriptedClient : public net::ClusterClient {
public:
    struct Sent {
        OpCode op;
        Bytes payload;
    };
    std::vector<Sent> sent;
    std::deque<std::function<Bytes()>> replies;

    int count(OpCode op) const {
        int n = 0;
        for (const auto& s : sent) n += s.op == op ? 1 : 0;
        return n;
    }
    void answer(Bytes payload) {
        replies.push_back([p = std::move(payload)] { return p; });
    }
    template <class E>
    void fail(const char* message) {
        replies.push_back([message]() -> Bytes { throw E(message); });
    }

    net::Response request(OpCode op, const net::PayloadWriter& payload, const net::Route&) override {
        protocol::ByteWriter w;
        payload(w, context_);
        sent.push_back({op, std::move(w).take()});
        if (replies.empty()) throw std::logic_error("unscripted request");
        auto next = std::move(replies.front());
        replies.pop_front();
        return net::Response(next(), 0);
    }
    net::PendingResponse request_async(OpCode, const net::PayloadWriter&, const net::Route&) override {
        throw std::logic_error("not used");
    }
    void request_async(OpCode op, net::PayloadWriter payload, net::Route route, Completion done) override {
        done(request(op, payload, route));
    }
    std::shared_ptr<net::Channel> acquire_channel(const net::Route&) override { return nullptr; }
    const protocol::ProtocolContext& context(const std::shared_ptr<net::Channel>&) const override { return context_; }
    protocol::ProtocolContext default_context() const override { return context_; }
    std::vector<std::shared_ptr<net::Channel>> channels() const override { return {}; }
    net::RoutingStats routing_stats() const override { return {}; }
    void close() override {}

private:
    protocol::ProtocolContext context_;
};

Bytes id_bytes(std::int64_t id) {
    protocol::ByteWriter w;
    protocol::encode_resource_id(w, id);
    return std::move(w).take();
}

// A SQL fields page of one BIGINT column.
Bytes page_bytes(std::vector<std::int64_t> values, bool has_more) {
    protocol::ByteWriter w;
    w.write_i32(static_cast<std::int32_t>(values.size()));
    for (auto v : values) protocol::write_value(w, Value(v));
    w.write_bool(has_more);
    return std::move(w).take();
}

// The reply to OP_QUERY_SQL_FIELDS: cursor id, one column "X", the first page.
Bytes first_bytes(std::int64_t cursor_id, std::vector<std::int64_t> values, bool has_more) {
    protocol::ByteWriter w;
    w.write_i64(cursor_id);
    w.write_i32(1);
    protocol::write_string(w, "X");
    auto page = page_bytes(std::move(values), has_more);
    w.write_bytes(page);
    return std::move(w).take();
}

std::shared_ptr<ScriptedClient> scripted() { return std::make_shared<ScriptedClient>(); }

net::SqlFieldsCursor run(const std::shared_ptr<ScriptedClient>& client) {
    protocol::SqlFieldsQuery q;
    q.sql = "SELECT X FROM T";
    return net::SqlFieldsCursor::execute(client, q);
}

}  // namespace

TEST(QueryCursorUnit, ACursorReleasedWithItsLastPageIsNeverClosed) {
    auto client = scripted();
    client->answer(first_bytes(77, {1, 2}, true));
    client->answer(page_bytes({3, 4}, true));
    client->answer(page_bytes({5}, false));
    {
        auto cursor = run(client);
        EXPECT_EQ(cursor.column_names(), std::vector<std::string>{"X"});
        auto rows = cursor.remaining_rows();
        ASSERT_EQ(rows.size(), 5u);
        EXPECT_EQ(rows[4][0], Value(std::int64_t{5}));
        EXPECT_FALSE(cursor.server_open());
        cursor.close();
    }
    ASSERT_EQ(client->sent.size(), 3u);
    EXPECT_EQ(client->sent[1].op, OpCode::QuerySqlFieldsCursorGetPage);
    EXPECT_EQ(client->sent[1].payload, id_bytes(77));
    EXPECT_EQ(client->count(OpCode::ResourceClose), 0);
}

TEST(QueryCursorUnit, AnAbandonedCursorIsClosedOnceWithItsId) {
    auto client = scripted();
    client->answer(first_bytes(0x0102030405060708, {1, 2}, true));
    client->answer({});  // the ResourceClose reply
    {
        auto cursor = run(client);
        cursor.close();
        cursor.close();
        EXPECT_FALSE(cursor.next_page());
    }
    ASSERT_EQ(client->count(OpCode::ResourceClose), 1);
    EXPECT_EQ(client->sent.back().payload, (Bytes{8, 7, 6, 5, 4, 3, 2, 1}));
}

TEST(QueryCursorUnit, TheDestructorClosesAndAMovedFromCursorDoesNot) {
    auto client = scripted();
    client->answer(first_bytes(5, {1}, true));
    client->answer({});
    {
        auto a = run(client);
        net::SqlFieldsCursor b(std::move(a));
        net::SqlFieldsCursor c;
        c = std::move(b);
    }
    EXPECT_EQ(client->count(OpCode::ResourceClose), 1);
}

TEST(QueryCursorUnit, AFailedCloseIsNotRepeated) {
    auto client = scripted();
    client->answer(first_bytes(5, {1}, true));
    client->fail<ConnectionError>("connection lost");
    {
        auto cursor = run(client);
        EXPECT_NO_THROW(cursor.close());
    }
    EXPECT_EQ(client->count(OpCode::ResourceClose), 1);
}

TEST(QueryCursorUnit, ALostConnectionTakesTheCursorWithIt) {
    auto client = scripted();
    client->answer(first_bytes(5, {1}, true));
    client->fail<ConnectionError>("connection lost");
    {
        auto cursor = run(client);
        EXPECT_THROW(cursor.next_page(), ConnectionError);
        EXPECT_FALSE(cursor.server_open());
    }
    EXPECT_EQ(client->count(OpCode::ResourceClose), 0);
}

TEST(QueryCursorUnit, AServerErrorOnAPageLeavesTheCursorToClose) {
    auto client = scripted();
    client->answer(first_bytes(5, {1}, true));
    client->fail<Error>("page failed");
    client->answer({});
    {
        auto cursor = run(client);
        EXPECT_THROW(cursor.next_page(), Error);
        EXPECT_TRUE(cursor.server_open());
    }
    EXPECT_EQ(client->count(OpCode::ResourceClose), 1);
}

TEST(ServerTransactionUnit, StartsWithTheTxStartBytesAndCommitsOnce) {
    auto client = scripted();
    client->answer({42, 0, 0, 0});  // tx id 42
    client->answer({});
    auto tx = net::ServerTransaction::start(client, {.concurrency = protocol::TxConcurrency::Optimistic,
                                                     .isolation = protocol::TxIsolation::Serializable,
                                                     .timeout = std::chrono::milliseconds(1500),
                                                     .label = "t"});
    EXPECT_EQ(tx.id(), 42);
    protocol::ByteWriter start;
    protocol::encode_tx_start(start, protocol::TxConcurrency::Optimistic, protocol::TxIsolation::Serializable, 1500, "t");
    ASSERT_EQ(client->sent.size(), 1u);
    EXPECT_EQ(client->sent[0].op, OpCode::TxStart);
    EXPECT_EQ(client->sent[0].payload, std::move(start).take());
    tx.commit();
    EXPECT_THROW(tx.commit(), TransactionError);
    EXPECT_THROW(tx.rollback(), TransactionError);
    ASSERT_EQ(client->sent.size(), 2u);
    EXPECT_EQ(client->sent[1].op, OpCode::TxEnd);
    EXPECT_EQ(client->sent[1].payload, (Bytes{42, 0, 0, 0, 1}));
}

TEST(ServerTransactionUnit, OneLeftOpenIsRolledBackOnceWhereverItWasMoved) {
    auto client = scripted();
    client->answer({7, 0, 0, 0});
    client->answer({});
    {
        auto tx = net::ServerTransaction::start(client);
        net::ServerTransaction moved(std::move(tx));
        net::ServerTransaction assigned;
        assigned = std::move(moved);
        EXPECT_TRUE(assigned.active());
    }
    ASSERT_EQ(client->count(OpCode::TxEnd), 1);
    EXPECT_EQ(client->sent.back().payload, (Bytes{7, 0, 0, 0, 0}));
}

TEST(ServerTransactionUnit, AFailedCommitIsATransactionErrorAndEndsIt) {
    auto client = scripted();
    client->answer({7, 0, 0, 0});
    client->fail<ConnectionError>("connection lost");
    {
        auto tx = net::ServerTransaction::start(client, {.label = "pay"});
        try {
            tx.commit();
            ADD_FAILURE() << "commit succeeded";
        } catch (const TransactionError& e) {
            EXPECT_NE(std::string(e.what()).find("transaction 'pay' (id 7) failed to commit: connection lost"), std::string::npos) << e.what();
        }
        EXPECT_FALSE(tx.active());
    }
    EXPECT_EQ(client->count(OpCode::TxEnd), 1) << "no rollback after the failed commit";
}

TEST(ServerTransactionUnit, AStartTheServerRefusesIsATransactionError) {
    auto client = scripted();
    client->fail<Error>("tx limit exceeded");
    EXPECT_THROW(net::ServerTransaction::start(client), TransactionError);
    EXPECT_THROW(net::ServerTransaction::start(client, {.timeout = std::chrono::milliseconds(-5)}), UsageError);
    EXPECT_EQ(client->count(OpCode::TxStart), 1);
}
