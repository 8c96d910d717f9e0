# DSNs for the tests, in the build tree's odbc.ini (ODBCINI points here). Names are what tests use.
file(WRITE ${KINDLING_ODBC_INI_DIR}/odbc.ini
"[KindlingTest]
Description=The main test cluster
Driver=Kindling
ADDRESS=127.0.0.1:10900..10902
SCHEMA=PUBLIC

[KindlingTestSsl]
Description=The TLS test cluster
Driver=Kindling
ADDRESS=127.0.0.1:10910
SSL_MODE=require
SSL_CA_FILE=${KINDLING_CLUSTER_STATE}/10910/certs/ca.pem
SSL_CERT_FILE=${KINDLING_CLUSTER_STATE}/10910/certs/client.pem
SSL_KEY_FILE=${KINDLING_CLUSTER_STATE}/10910/certs/client.key

[KindlingTestTx]
Description=The cluster with the Calcite engine and transaction-aware SQL
Driver=Kindling
ADDRESS=127.0.0.1:10940

[KindlingTestTz]
Description=A node whose JVM runs in Asia/Tokyo (SERVER_TIME_ZONE unset: the driver asks the server)
Driver=Kindling
ADDRESS=127.0.0.1:10930

[KindlingTestAuth]
Description=The authentication test cluster (plain TCP)
Driver=Kindling
ADDRESS=127.0.0.1:10920
SSL_MODE=disable
")
