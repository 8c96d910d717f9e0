package io.kindling.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.calcite.CalciteQueryEngineConfiguration;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SqlConfiguration;
import org.apache.ignite.configuration.ThinClientConfiguration;
import org.apache.ignite.configuration.TransactionConfiguration;
import org.apache.ignite.indexing.IndexingQueryEngineConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.apache.ignite.ssl.SslContextFactory;

/**
 * One Ignite server node for Kindling's tests, configured in code (no Spring XML).
 * Usage: ServerNode --index I --base-port P --state DIR [--ssl] [--auth] [--tx-sql]
 * Ports are derived from P (see cluster.sh): thin clients P+I-1, discovery P+10000+I-1,
 * communication P+20000+I-1; discovery only looks at the 4 discovery ports of this cluster.
 */
public final class ServerNode {
    public static void main(String[] args) throws Exception {
        int index = 1, basePort = 10800;
        String state = null;
        boolean ssl = false, auth = false, txSql = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--index": index = Integer.parseInt(args[++i]); break;
                case "--base-port": basePort = Integer.parseInt(args[++i]); break;
                case "--state": state = args[++i]; break;
                case "--ssl": ssl = true; break;
                case "--auth": auth = true; break;
                case "--tx-sql": txSql = true; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path stateDir = Path.of(state);
        Path nodeDir = stateDir.resolve("node-" + index);
        Files.createDirectories(nodeDir);

        IgniteConfiguration cfg = new IgniteConfiguration();
        cfg.setIgniteInstanceName("kindling-" + basePort + "-" + index);
        cfg.setConsistentId("kindling-" + basePort + "-" + index);
        cfg.setWorkDirectory(nodeDir.resolve("work").toString());
        cfg.setLocalHost("127.0.0.1");
        cfg.setMetricsLogFrequency(0);

        // Below 32768: Linux hands out ephemeral client ports from 32768 up, which could take a node's port.
        int discoveryBase = basePort + 10000;
        TcpDiscoveryVmIpFinder finder = new TcpDiscoveryVmIpFinder();
        List<String> addrs = new ArrayList<>();
        addrs.add("127.0.0.1:" + discoveryBase + ".." + (discoveryBase + 3));
        finder.setAddresses(addrs);
        TcpDiscoverySpi discovery = new TcpDiscoverySpi();
        discovery.setIpFinder(finder);
        discovery.setLocalAddress("127.0.0.1");
        discovery.setLocalPort(discoveryBase + index - 1);
        discovery.setLocalPortRange(0);
        cfg.setDiscoverySpi(discovery);

        TcpCommunicationSpi communication = new TcpCommunicationSpi();
        communication.setLocalAddress("127.0.0.1");
        communication.setLocalPort(basePort + 20000 + index - 1);
        communication.setLocalPortRange(0);
        cfg.setCommunicationSpi(communication);

        ClientConnectorConfiguration connector = new ClientConnectorConfiguration();
        connector.setHost("127.0.0.1");
        connector.setPort(basePort + index - 1);
        connector.setPortRange(0);  // a busy port is an error, never silently the next one
        connector.setThinClientConfiguration(new ThinClientConfiguration().setMaxActiveComputeTasksPerConnection(100));
        if (ssl) {
            Path certs = stateDir.resolve("certs");
            SslContextFactory factory = new SslContextFactory();
            factory.setKeyStoreType("PKCS12");
            factory.setKeyStoreFilePath(certs.resolve("server.p12").toString());
            factory.setKeyStorePassword("changeit".toCharArray());
            factory.setTrustStoreType("PKCS12");
            factory.setTrustStoreFilePath(certs.resolve("truststore.p12").toString());
            factory.setTrustStorePassword("changeit".toCharArray());
            connector.setSslEnabled(true);
            connector.setUseIgniteSslContextFactory(false);
            connector.setSslClientAuth(true);
            connector.setSslContextFactory(factory);
        }
        cfg.setClientConnectorConfiguration(connector);

        // The default region takes 20 % of RAM per node; four nodes must fit a 24 GiB machine.
        DataRegionConfiguration region = new DataRegionConfiguration()
                .setName("default").setInitialSize(64L << 20).setMaxSize(256L << 20);
        DataStorageConfiguration storage = new DataStorageConfiguration().setDefaultDataRegionConfiguration(region);
        if (auth) {
            // Authentication needs native persistence.
            region.setPersistenceEnabled(true);
            storage.setStoragePath(nodeDir.resolve("db").toString());
            storage.setWalPath(nodeDir.resolve("wal").toString());
            storage.setWalArchivePath(nodeDir.resolve("wal-archive").toString());
            cfg.setAuthenticationEnabled(true);
        }
        cfg.setDataStorageConfiguration(storage);

        SqlConfiguration sql = new SqlConfiguration();
        if (txSql) {
            sql.setQueryEnginesConfiguration(new CalciteQueryEngineConfiguration().setDefault(true));
            cfg.setTransactionConfiguration(new TransactionConfiguration().setTxAwareQueriesEnabled(true));
        } else {
            // H2 by default; Calcite available through the QUERY_ENGINE('calcite') hint.
            sql.setQueryEnginesConfiguration(new IndexingQueryEngineConfiguration().setDefault(true),
                    new CalciteQueryEngineConfiguration());
        }
        cfg.setSqlConfiguration(sql);

        // Template for caches whose partition count is not a power of two (thin clients cannot set it).
        CacheConfiguration<Object, Object> template = new CacheConfiguration<>("partitioned1000*");
        template.setAffinity(new RendezvousAffinityFunction(false, 1000));
        cfg.setCacheConfiguration(template);

        Ignite ignite = Ignition.start(cfg);
        Files.writeString(nodeDir.resolve("ready"), ignite.cluster().localNode().id().toString() + "\n");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Ignition.stop(ignite.name(), true)));
        Thread.currentThread().join();
    }
}
