// SQLCancel of a running query (see Statement::cancel_execution).
#include <chrono>
#include <thread>

#include "catalog.hpp"
#include "handles.hpp"
#include "kindling/protocol/errors.hpp"

namespace kindling::odbc {

bool Statement::cancel_execution() {
    std::shared_ptr<net::Channel> ch;
    std::string text;
    {
        std::lock_guard lock(exec_mu);
        if (!exec_channel) return false;
        cancel_requested = true;
        ch = exec_channel;
        text = exec_sql;
    }
    // The server names a thin-client connection "cli:<client address>:<client port>"; SYS views are
    // node-local, so the listing is read on the node that runs the query. The query may not be
    // registered yet when SQLCancel comes early: look again for a while.
    const std::string initiator = "cli:" + ch->local_address();
    for (int attempt = 0; attempt < 100; ++attempt) {
        {
            std::lock_guard lock(exec_mu);
            if (!exec_channel) return true;
        }
        auto rows = sys_rows(*conn, "SELECT QUERY_ID, SQL, INITIATOR_ID FROM SYS.SQL_QUERIES", {}, ch);
        std::vector<std::string> ids;
        for (const auto& row : rows)
            if (row.size() == 3 && row[1].is<std::string>() && row[1].get<std::string>() == text && row[2].is<std::string>() &&
                row[2].get<std::string>() == initiator && row[0].is<std::string>())
                ids.push_back(row[0].get<std::string>());
        if (!ids.empty()) {
            for (const auto& id : ids) {
                try {
                    sys_rows(*conn, "KILL QUERY '" + id + "'", {}, ch);
                } catch (const SqlError&) {
                    // It finished between the listing and the kill.
                }
            }
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

}  // namespace kindling::odbc
