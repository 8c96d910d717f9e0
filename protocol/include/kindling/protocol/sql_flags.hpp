#pragma once
// The five SQL execution flags every SQL entry point of the server takes: the thin-client
// OP_QUERY_SQL_FIELDS request (ClientSqlFieldsQueryRequest) and the ODBC-flavour handshake
// (OdbcConnectionContext) carry the same five, each as one boolean byte, in their own orders.
namespace kindling::protocol {

struct SqlFlags {
    bool distributed_joins = false;   // joins of non-collocated data (slower, complete)
    bool enforce_join_order = false;  // joins in the order written
    bool collocated = false;          // GROUP BY on collocated data: no reduce step
    bool lazy = false;                // results streamed page by page instead of held on the server
    bool replicated_only = false;     // every table read is replicated (any node can answer)
    bool operator==(const SqlFlags&) const = default;
};

}  // namespace kindling::protocol
