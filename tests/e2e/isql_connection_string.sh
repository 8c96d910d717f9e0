#!/usr/bin/env bash
# isql -k: SQLDriverConnect with a connection string naming the driver library by path.
set -euo pipefail
: "${KINDLING_ODBC_DRIVER:?run through ctest}"
out=$(echo "SELECT 40 + 2" | isql -b -k "DRIVER=$KINDLING_ODBC_DRIVER;ADDRESS=$KINDLING_TEST_HOST:$KINDLING_TEST_PORT" 2>&1) || {
  echo "$out"; exit 1; }
echo "$out"
echo "$out" | grep -q '^| 42 ' || { echo "expected 42"; exit 1; }
# A wrong statement reports the SQLSTATE and the server message.
err=$(echo "SELECT * FROM no_such_table_e2e" | isql -b -v -k "DRIVER=$KINDLING_ODBC_DRIVER;ADDRESS=$KINDLING_TEST_HOST:$KINDLING_TEST_PORT" 2>&1 || true)
# isql is an ODBC 2 application: the driver manager reports 42S02 as S0002 to it.
echo "$err" | grep -q -E '42S02|S0002' || { echo "expected SQLSTATE 42S02 in: $err"; exit 1; }
