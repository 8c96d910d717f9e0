#pragma once
// Operation codes of the thin-client protocol (ClientMessageParser.java, Ignite 2.18).
#include <cstdint>

namespace kindling {

enum class OpCode : std::int16_t {
    ResourceClose = 0, Heartbeat = 1, GetIdleTimeout = 2,
    CacheGet = 1000, CachePut = 1001, CachePutIfAbsent = 1002, CacheGetAll = 1003, CachePutAll = 1004,
    CacheGetAndPut = 1005, CacheGetAndReplace = 1006, CacheGetAndRemove = 1007,
    CacheGetAndPutIfAbsent = 1008, CacheReplace = 1009, CacheReplaceIfEquals = 1010,
    CacheContainsKey = 1011, CacheContainsKeys = 1012, CacheClear = 1013, CacheClearKey = 1014,
    CacheClearKeys = 1015, CacheRemoveKey = 1016, CacheRemoveIfEquals = 1017, CacheRemoveKeys = 1018,
    CacheRemoveAll = 1019, CacheGetSize = 1020, CacheLocalPeek = 1021,
    CacheGetNames = 1050, CacheCreateWithName = 1051, CacheGetOrCreateWithName = 1052,
    CacheCreateWithConfiguration = 1053, CacheGetOrCreateWithConfiguration = 1054,
    CacheGetConfiguration = 1055, CacheDestroy = 1056,
    CachePartitions = 1101,
    QueryScan = 2000, QueryScanCursorGetPage = 2001, QuerySql = 2002, QuerySqlCursorGetPage = 2003,
    QuerySqlFields = 2004, QuerySqlFieldsCursorGetPage = 2005, QueryContinuous = 2006,
    QueryContinuousEventNotification = 2007,
    BinaryTypeNameGet = 3000, BinaryTypeNamePut = 3001, BinaryTypeGet = 3002, BinaryTypePut = 3003,
    BinaryConfigurationGet = 3004,
    TxStart = 4000, TxEnd = 4001,
    ClusterGetState = 5000, ClusterChangeState = 5001, ClusterChangeWalState = 5002, ClusterGetWalState = 5003,
    ClusterGroupGetNodeIds = 5100, ClusterGroupGetNodeInfo = 5101, ClusterGroupGetNodeEndpoints = 5102,
    ComputeTaskExecute = 6000, ComputeTaskFinished = 6001,
};

}  // namespace kindling
