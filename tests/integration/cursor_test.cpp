// net::QueryCursor / SqlFieldsCursor and net::ServerTransaction against the real cluster: every
// page is read, a cursor is closed exactly once (never after the server released it with its last
// page), and a transaction ends exactly once on its pinned connection.
#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "kindling/net/cluster_client.hpp"
#include "kindling/net/cursor.hpp"
#include "kindling/net/server_transaction.hpp"
#include "kindling/net/typed_call.hpp"
#include "kindling/protocol/errors.hpp"
#include "kindling/protocol/sql_fields_query.hpp"
#include "test_env.hpp"

using namespace kindling;

namespace {

// The requests the client started, by op code (the engine's QueryStarted events).
struct OpLog {
    std::mutex mu;
    std::vector<OpCode> started;
    int count(OpCode op) {
        std::lock_guard lock(mu);
        int n = 0;
        for (auto o : started) n += o == op ? 1 : 0;
        return n;
    }
};

struct Fixture {
    // Declared first, destroyed last: the client reports its connections closing while it goes.
    OpLog log;
    std::shared_ptr<net::ClusterClient> client;

    explicit Fixture(std::uint16_t port) {
        net::ClientOptions o;
        o.endpoints = {net::Endpoint{test::test_host(), port, 0}};
        o.partition_awareness = false;
        o.discover_nodes = false;
        o.on_event = [this](const net::Event& e) {
            if (e.kind != net::Event::Kind::QueryStarted) return;
            std::lock_guard lock(log.mu);
            log.started.push_back(e.op);
        };
        client = net::ClusterClient::connect(std::move(o));
    }
    ~Fixture() {
        if (client) client->close();
    }

    void sql(const std::string& text, std::optional<std::int32_t> tx = std::nullopt, std::shared_ptr<net::Channel> ch = nullptr) {
        protocol::SqlFieldsQuery q;
        q.sql = text;
        q.tx_id = tx;
        net::SqlFieldsCursor::execute(client, q, std::move(ch));
    }
    protocol::SqlFieldsQuery numbers(int page_size) const {
        protocol::SqlFieldsQuery q;
        q.sql = "SELECT X FROM SYSTEM_RANGE(1, 5) ORDER BY X";
        q.page_size = page_size;
        return q;
    }
};

std::vector<std::int64_t> column_of(const std::vector<std::vector<Value>>& rows) {
    std::vector<std::int64_t> out;
    for (const auto& r : rows) out.push_back(r.at(0).get<std::int64_t>());
    return out;
}

// ctest runs tests in parallel: each table is the test's own.
std::string own_table() { return std::string("CURSOR_") + ::testing::UnitTest::GetInstance()->current_test_info()->name(); }

}  // namespace

TEST(QueryCursor, ReadsEveryPageAndNeverClosesTheCursorTheServerReleased) {
    Fixture f(test::main_port());
    auto cursor = net::SqlFieldsCursor::execute(f.client, f.numbers(2));
    EXPECT_EQ(cursor.column_names(), std::vector<std::string>{"X"});
    EXPECT_TRUE(cursor.server_open());
    auto id = cursor.id();
    auto channel = cursor.channel();
    EXPECT_EQ(column_of(cursor.remaining_rows()), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
    // 5 rows by 2: the first reply and two more pages, the last with has_more = false.
    EXPECT_EQ(f.log.count(OpCode::QuerySqlFieldsCursorGetPage), 2);
    EXPECT_FALSE(cursor.server_open());
    cursor.close();
    cursor = {};  // and the destructor of the one it held
    EXPECT_EQ(f.log.count(OpCode::ResourceClose), 0);
    // The server did release it: closing it by hand now is an error there.
    EXPECT_THROW(net::call(*f.client, protocol::ResourceClose{id}, net::pinned(channel)), Error);
}

TEST(QueryCursor, AnAbandonedCursorIsClosedExactlyOnce) {
    Fixture f(test::main_port());
    std::int64_t id = 0;
    std::shared_ptr<net::Channel> channel;
    {
        auto cursor = net::SqlFieldsCursor::execute(f.client, f.numbers(2));
        id = cursor.id();
        channel = cursor.channel();
        EXPECT_EQ(cursor.page().row_count(), 2u);
        ASSERT_TRUE(cursor.server_open());
        cursor.close();
        EXPECT_FALSE(cursor.server_open());
        cursor.close();  // again: nothing to send
        EXPECT_FALSE(cursor.next_page()) << "a closed cursor has no pages";
        EXPECT_EQ(cursor.page().row_count(), 0u);
        EXPECT_EQ(f.log.count(OpCode::QuerySqlFieldsCursorGetPage), 0);
    }  // the destructor: nothing more
    EXPECT_EQ(f.log.count(OpCode::ResourceClose), 1);
    EXPECT_THROW(net::call(*f.client, protocol::SqlFieldsCursorGetPage{id, 1}, net::pinned(channel)), Error)
        << "the server still held the cursor after close()";
}

TEST(QueryCursor, TheDestructorClosesAnOpenCursorOnceWhereverItWasMoved) {
    Fixture f(test::main_port());
    {
        auto first = net::SqlFieldsCursor::execute(f.client, f.numbers(1));
        net::SqlFieldsCursor moved(std::move(first));
        net::SqlFieldsCursor assigned;
        assigned = std::move(moved);
        EXPECT_TRUE(assigned.server_open());
        EXPECT_FALSE(moved.server_open());  // NOLINT(bugprone-use-after-move): moved-from holds nothing
        EXPECT_TRUE(assigned.next_page());
        EXPECT_EQ(assigned.page().at(0, 0), Value(std::int64_t{2}));
    }
    EXPECT_EQ(f.log.count(OpCode::ResourceClose), 1);
    // Assigning over an open cursor closes that one first.
    {
        auto a = net::SqlFieldsCursor::execute(f.client, f.numbers(1));
        a = net::SqlFieldsCursor::execute(f.client, f.numbers(1));
        EXPECT_EQ(f.log.count(OpCode::ResourceClose), 2);
    }
    EXPECT_EQ(f.log.count(OpCode::ResourceClose), 3);
}

TEST(QueryCursor, PagesOfAnyShapeThroughTheGenericCursor) {
    Fixture f(test::main_port());
    auto channel = f.client->acquire_channel();
    auto first = net::call(*f.client, f.numbers(3), net::pinned(channel));
    net::QueryCursor cursor(f.client, channel, first.cursor_id, first.page.has_more);
    std::vector<std::int64_t> seen;
    for (std::size_t r = 0; r < first.page.row_count(); ++r) seen.push_back(first.page.at(r, 0).get<std::int64_t>());
    while (cursor.server_open()) {
        // The page-fetch form with its own has_more: what a reply of another layout would use.
        auto page = cursor.next_page(protocol::SqlFieldsCursorGetPage{cursor.id(), 1},
                                     [](const protocol::SqlPage& p) { return p.has_more; });
        for (std::size_t r = 0; r < page.row_count(); ++r) seen.push_back(page.at(r, 0).get<std::int64_t>());
    }
    EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
    EXPECT_THROW(cursor.next_page(protocol::SqlFieldsCursorGetPage{cursor.id(), 1}), Error) << "past the last page";
    cursor.close();
    EXPECT_EQ(f.log.count(OpCode::ResourceClose), 0);
}

TEST(ServerTransaction, CommitsOnItsPinnedConnectionExactlyOnce) {
    Fixture f(test::txsql_port());
    auto table = own_table();
    f.sql("DROP TABLE IF EXISTS " + table);
    f.sql("CREATE TABLE " + table + " (ID INT PRIMARY KEY, V VARCHAR) WITH \"ATOMICITY=TRANSACTIONAL\"");
    auto tx = net::ServerTransaction::start(f.client, {.concurrency = protocol::TxConcurrency::Pessimistic,
                                                       .isolation = protocol::TxIsolation::ReadCommitted,
                                                       .label = "cursor_test"});
    EXPECT_TRUE(tx.active());
    EXPECT_EQ(tx.label(), "cursor_test");
    f.sql("INSERT INTO " + table + " VALUES (1, 'a')", tx.id(), tx.channel());
    tx.commit();
    EXPECT_FALSE(tx.active());
    EXPECT_THROW(tx.commit(), TransactionError);
    EXPECT_THROW(tx.rollback(), TransactionError);
    EXPECT_EQ(f.log.count(OpCode::TxStart), 1);
    EXPECT_EQ(f.log.count(OpCode::TxEnd), 1);
    protocol::SqlFieldsQuery count;
    count.sql = "SELECT COUNT(*) FROM " + table;
    auto rows = net::SqlFieldsCursor::execute(f.client, count).remaining_rows();
    EXPECT_EQ(rows.at(0).at(0), Value(std::int64_t{1}));
    f.sql("DROP TABLE " + table);
}

TEST(ServerTransaction, OneLeftOpenIsRolledBackWhenItGoes) {
    Fixture f(test::txsql_port());
    auto table = own_table();
    f.sql("DROP TABLE IF EXISTS " + table);
    f.sql("CREATE TABLE " + table + " (ID INT PRIMARY KEY, V VARCHAR) WITH \"ATOMICITY=TRANSACTIONAL\"");
    {
        auto tx = net::ServerTransaction::start(f.client, {.isolation = protocol::TxIsolation::ReadCommitted});
        f.sql("INSERT INTO " + table + " VALUES (1, 'a')", tx.id(), tx.channel());
        net::ServerTransaction moved = std::move(tx);
        EXPECT_FALSE(tx.active());  // NOLINT(bugprone-use-after-move)
        EXPECT_TRUE(moved.active());
    }
    EXPECT_EQ(f.log.count(OpCode::TxEnd), 1);
    protocol::SqlFieldsQuery count;
    count.sql = "SELECT COUNT(*) FROM " + table;
    EXPECT_EQ(net::SqlFieldsCursor::execute(f.client, count).remaining_rows().at(0).at(0), Value(std::int64_t{0}));
    f.sql("DROP TABLE " + table);
}

TEST(ServerTransaction, ANegativeTimeoutIsRefusedBeforeAnythingIsSent) {
    Fixture f(test::main_port());
    EXPECT_THROW(net::ServerTransaction::start(f.client, {.timeout = std::chrono::milliseconds(-1)}), UsageError);
    EXPECT_EQ(f.log.count(OpCode::TxStart), 0);
    net::ServerTransaction none;
    EXPECT_FALSE(none.active());
    EXPECT_THROW(none.commit(), TransactionError);
}
