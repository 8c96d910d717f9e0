package io.kindling.cluster;

import java.util.ArrayList;
import java.util.List;

import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientException;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.cache.query.FieldsQueryCursor;
import org.apache.ignite.cache.query.SqlFieldsQuery;

/**
 * The Java side of Kindling's cross-checks, through the Java thin client.
 * Commands: nodes | sql "<sql>" | wait-nodes N SECONDS | activate
 * JDBC thin driver (no options): jdbc-insert|jdbc-fetch PORT ROWS | jdbc-meta PORT "<sql>"
 * Options: --port P (repeatable) [--user U --password W] [--ssl-key-store F --ssl-trust-store F]
 */
public final class JavaHelper {
    static void report(String name, long ops, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%s %d %.3f %.0f%n", name, ops, s, ops / s);
    }

    // JDBC thin driver benchmarks, the same work as `kindling_bench odbc-insert|odbc-fetch`.
    static void jdbc(String cmd, String port, long rows) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:ignite:thin://127.0.0.1:" + port)) {
            if (cmd.equals("jdbc-insert")) {
                try (java.sql.Statement s = c.createStatement()) {
                    s.executeUpdate("DROP TABLE IF EXISTS BenchRowsJdbc");
                    s.executeUpdate("CREATE TABLE BenchRowsJdbc (ID BIGINT PRIMARY KEY, NAME VARCHAR, V DOUBLE)");
                }
                long start = System.nanoTime();
                try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO BenchRowsJdbc (ID, NAME, V) VALUES (?, ?, ?)")) {
                    for (long i = 0; i < rows; i++) {
                        ps.setLong(1, i);
                        ps.setString(2, "row-" + i);
                        ps.setDouble(3, i * 0.5);
                        ps.addBatch();
                        if ((i + 1) % 1000 == 0) ps.executeBatch();
                    }
                    ps.executeBatch();
                }
                report(cmd, rows, start);
            } else {
                long start = System.nanoTime();
                long n = 0;
                try (java.sql.Statement s = c.createStatement()) {
                    s.setFetchSize(1000);
                    try (java.sql.ResultSet rs = s.executeQuery("SELECT ID, NAME, V FROM BenchRowsJdbc")) {
                        while (rs.next()) {
                            rs.getLong(1);
                            rs.getString(2);
                            rs.getDouble(3);
                            n++;
                        }
                    }
                }
                report(cmd, n, start);
            }
        }
    }

    // One metadata line per column: label, java.sql.Types code, type name, precision, scale, nullable
    // (ResultSetMetaData), then schema, table, column and class name. With `dbmd`, and when the
    // column comes from a table, five more fields: what DatabaseMetaData.getColumns() says of that
    // table column (DATA_TYPE, TYPE_NAME, COLUMN_SIZE, DECIMAL_DIGITS, NULLABLE). Ignite 2.17's
    // JdbcThinResultSetMetadata answers 0 for every precision and scale and columnNullable for
    // every column; getColumns() carries the server's declared precision, scale and nullability.
    static String metaLines(java.sql.ResultSetMetaData md, java.sql.DatabaseMetaData dbmd) throws java.sql.SQLException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            sb.append(md.getColumnLabel(i)).append('\t').append(md.getColumnType(i)).append('\t').append(md.getColumnTypeName(i))
              .append('\t').append(md.getPrecision(i)).append('\t').append(md.getScale(i)).append('\t').append(md.isNullable(i))
              .append('\t').append(md.getSchemaName(i)).append('\t').append(md.getTableName(i)).append('\t').append(md.getColumnName(i))
              .append('\t').append(md.getColumnClassName(i));
            String table = md.getTableName(i);
            if (dbmd != null && table != null && !table.isEmpty()) {
                try (java.sql.ResultSet cols = dbmd.getColumns(null, md.getSchemaName(i), table, md.getColumnName(i))) {
                    if (cols.next())
                        sb.append('\t').append(cols.getInt("DATA_TYPE")).append('\t').append(cols.getString("TYPE_NAME"))
                          .append('\t').append(cols.getInt("COLUMN_SIZE")).append('\t').append(cols.getInt("DECIMAL_DIGITS"))
                          .append('\t').append(cols.getInt("NULLABLE"));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String escape(String v) {
        if (v == null) return "\\N";
        return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    // getString, except where Ignite 2.17's thin driver gives no usable text: a DATE (a
    // java.util.Date's toString) is getDate().toString() (yyyy-mm-dd), a byte[] (a JdbcBinaryBuffer's
    // identity) is getBytes() as upper-case hex. A UUID arrives as java.util.UUID: getString.
    static String valueText(java.sql.ResultSet rs, java.sql.ResultSetMetaData md, int i) throws java.sql.SQLException {
        switch (md.getColumnType(i)) {
            case java.sql.Types.DATE: {
                java.sql.Date d = rs.getDate(i);
                return d == null ? null : d.toString();
            }
            case java.sql.Types.BINARY: case java.sql.Types.VARBINARY: {
                Object o = rs.getObject(i);
                if (o == null || o instanceof java.util.UUID) return rs.getString(i);
                StringBuilder hex = new StringBuilder();
                for (byte b : rs.getBytes(i)) hex.append(String.format("%02X", b));
                return hex.toString();
            }
            default:
                return rs.getString(i);
        }
    }

    // jdbc-meta <port> <sql>: what the JDBC thin driver says of a query's result columns.
    // Prints "# executed" and the ResultSetMetaData of the executed statement, then "# prepared" and
    // PreparedStatement.getMetaData() taken before execution (or "# prepared unsupported: <why>"),
    // then "# rows" and every row as getString values (valueText; tab-separated; NULL is \N; \\ \t \n \r
    // escaped).
    static void jdbcMeta(String port, String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:ignite:thin://127.0.0.1:" + port);
             java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            String before;  // read out before execution
            try {
                java.sql.ResultSetMetaData md = ps.getMetaData();
                before = md == null ? "# prepared unsupported: getMetaData() returned null\n" : "# prepared\n" + metaLines(md, null);
            } catch (java.sql.SQLException e) {
                before = "# prepared unsupported: " + escape(e.getClass().getSimpleName() + ": " + e.getMessage()) + "\n";
            }
            StringBuilder rows = new StringBuilder();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                java.sql.ResultSetMetaData md = rs.getMetaData();
                System.out.println("# executed");
                System.out.print(metaLines(md, c.getMetaData()));
                while (rs.next()) {
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        if (i > 1) rows.append('\t');
                        rows.append(escape(valueText(rs, md, i)));
                    }
                    rows.append('\n');
                }
            }
            System.out.print(before);
            System.out.println("# rows");
            System.out.print(rows);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("jdbc-meta")) {
            jdbcMeta(args[1], args[2]);
            return;
        }
        if (args.length >= 3 && args[0].startsWith("jdbc-")) {
            jdbc(args[0], args[1], Long.parseLong(args[2]));
            return;
        }
        List<String> addrs = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        String user = null, password = null, keyStore = null, trustStore = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port": addrs.add("127.0.0.1:" + args[++i]); break;
                case "--user": user = args[++i]; break;
                case "--password": password = args[++i]; break;
                case "--ssl-key-store": keyStore = args[++i]; break;
                case "--ssl-trust-store": trustStore = args[++i]; break;
                default: rest.add(args[i]);
            }
        }
        if (rest.isEmpty()) throw new IllegalArgumentException("no command");
        ClientConfiguration cfg = new ClientConfiguration().setAddresses(addrs.toArray(new String[0]));
        cfg.setTimeout(10_000);
        if (user != null) cfg.setUserName(user).setUserPassword(password);
        if (keyStore != null) {
            cfg.setSslMode(SslMode.REQUIRED)
               .setSslClientCertificateKeyStorePath(keyStore).setSslClientCertificateKeyStorePassword("changeit")
               .setSslClientCertificateKeyStoreType("PKCS12")
               .setSslTrustCertificateKeyStorePath(trustStore).setSslTrustCertificateKeyStorePassword("changeit")
               .setSslTrustCertificateKeyStoreType("PKCS12");
        }
        String cmd = rest.get(0);
        try (IgniteClient client = Ignition.startClient(cfg)) {
            switch (cmd) {
                case "nodes":
                    System.out.println(client.cluster().nodes().size());
                    break;
                case "activate":
                    if (client.cluster().state() != ClusterState.ACTIVE) client.cluster().state(ClusterState.ACTIVE);
                    System.out.println(client.cluster().state());
                    break;
                case "wait-nodes": {
                    int want = Integer.parseInt(rest.get(1));
                    long deadline = System.currentTimeMillis() + 1000L * Integer.parseInt(rest.get(2));
                    int have;
                    while ((have = client.cluster().nodes().size()) < want && System.currentTimeMillis() < deadline)
                        Thread.sleep(200);
                    System.out.println(have);
                    if (have < want) System.exit(1);
                    break;
                }
                case "sql": {
                    try (FieldsQueryCursor<List<?>> cur = client.query(new SqlFieldsQuery(rest.get(1)).setSchema("PUBLIC"))) {
                        for (List<?> row : cur) {
                            StringBuilder sb = new StringBuilder();
                            for (int c = 0; c < row.size(); c++) { if (c > 0) sb.append('\t'); sb.append(row.get(c)); }
                            System.out.println(sb);
                        }
                    }
                    break;
                }
                case "cache-config": {
                    // What the Java thin client reads back: one "property=value" line each.
                    org.apache.ignite.client.ClientCacheConfiguration c = client.cache(rest.get(1)).getConfiguration();
                    java.util.Map<String, Object> p = new java.util.TreeMap<>();
                    p.put("name", c.getName());
                    p.put("cacheMode", c.getCacheMode());
                    p.put("atomicityMode", c.getAtomicityMode());
                    p.put("backups", c.getBackups());
                    p.put("writeSynchronizationMode", c.getWriteSynchronizationMode());
                    p.put("copyOnRead", c.isCopyOnRead());
                    p.put("readFromBackup", c.isReadFromBackup());
                    p.put("onheapCacheEnabled", c.isOnheapCacheEnabled());
                    p.put("queryParallelism", c.getQueryParallelism());
                    p.put("queryDetailMetricsSize", c.getQueryDetailMetricsSize());
                    p.put("sqlSchema", c.getSqlSchema());
                    p.put("sqlIndexMaxInlineSize", c.getSqlIndexMaxInlineSize());
                    p.put("sqlEscapeAll", c.isSqlEscapeAll());
                    p.put("maxQueryIteratorsCount", c.getMaxQueryIteratorsCount());
                    p.put("rebalanceMode", c.getRebalanceMode());
                    p.put("rebalanceDelay", c.getRebalanceDelay());
                    p.put("rebalanceTimeout", c.getRebalanceTimeout());
                    p.put("rebalanceBatchSize", c.getRebalanceBatchSize());
                    p.put("rebalanceBatchesPrefetchCount", c.getRebalanceBatchesPrefetchCount());
                    p.put("rebalanceOrder", c.getRebalanceOrder());
                    p.put("rebalanceThrottle", c.getRebalanceThrottle());
                    p.put("groupName", c.getGroupName());
                    p.put("defaultLockTimeout", c.getDefaultLockTimeout());
                    p.put("maxConcurrentAsyncOperations", c.getMaxConcurrentAsyncOperations());
                    p.put("partitionLossPolicy", c.getPartitionLossPolicy());
                    p.put("eagerTtl", c.isEagerTtl());
                    p.put("statisticsEnabled", c.isStatisticsEnabled());
                    StringBuilder keys = new StringBuilder();
                    if (c.getKeyConfiguration() != null)
                        for (org.apache.ignite.cache.CacheKeyConfiguration k : c.getKeyConfiguration())
                            keys.append(k.getTypeName()).append(':').append(k.getAffinityKeyFieldName()).append(';');
                    p.put("keyConfiguration", keys.toString());
                    StringBuilder ents = new StringBuilder();
                    if (c.getQueryEntities() != null)
                        for (org.apache.ignite.cache.QueryEntity e : c.getQueryEntities()) {
                            ents.append(e.getTableName()).append('(');
                            for (java.util.Map.Entry<String, String> f : e.getFields().entrySet())
                                ents.append(f.getKey()).append(' ').append(f.getValue()).append(',');
                            ents.append(" indexes ").append(e.getIndexes().size()).append(')');
                        }
                    p.put("queryEntities", ents.toString());
                    javax.cache.expiry.ExpiryPolicy exp = c.getExpiryPolicy();
                    p.put("expiryCreate", exp == null || exp.getExpiryForCreation() == null ? "none" : exp.getExpiryForCreation().getDurationAmount() + " " + exp.getExpiryForCreation().getTimeUnit());
                    for (java.util.Map.Entry<String, Object> e : p.entrySet()) System.out.println(e.getKey() + "=" + e.getValue());
                    break;
                }
                case "put-shared-refs": {
                    // An object graph with shared references: Java's marshaller writes the second
                    // reference to an object as a handle (type 102) pointing back at the first.
                    org.apache.ignite.client.ClientCache<Integer, Object> cache = client.getOrCreateCache(rest.get(1));
                    Inner shared = new Inner("shared", 42);
                    Holder h = new Holder();
                    h.first = shared;
                    h.second = shared;
                    h.list = new java.util.ArrayList<>(java.util.List.of(shared, shared));
                    cache.put(1, h);
                    System.out.println("ok");
                    break;
                }
                case "thin-put": case "thin-get": {
                    long n = Long.parseLong(rest.get(1));
                    org.apache.ignite.client.ClientCache<Long, String> cache = client.getOrCreateCache("bench_kv_java");
                    long start = System.nanoTime();
                    long hits = 0;
                    for (long i = 0; i < n; i++) {
                        if (cmd.equals("thin-put")) cache.put(i, "value-" + i);
                        else if (cache.get(i) != null) hits++;
                    }
                    report(cmd, n, start);
                    if (cmd.equals("thin-get") && hits != n) System.err.println("thin-get: " + hits + " of " + n + " found");
                    break;
                }
                default: throw new IllegalArgumentException("unknown command " + cmd);
            }
        } catch (ClientException e) {
            System.err.println("java-helper: " + e.getMessage());
            System.exit(2);
        }
    }

    public static class Inner {
        String name;
        int n;
        Inner(String name, int n) { this.name = name; this.n = n; }
    }

    public static class Holder {
        Inner first;
        Inner second;
        java.util.List<Inner> list;
    }
}
