#!/usr/bin/env bash
# The main test cluster, seen through the driver manager: isql reports one SYS.NODES row per node.
set -euo pipefail
: "${KINDLING_TEST_NODES:?run through ctest}"
out=$(echo "SELECT COUNT(*) FROM SYS.NODES" | isql -b -x0x09 -k "DRIVER=$KINDLING_ODBC_DRIVER;ADDRESS=$KINDLING_TEST_HOST:$KINDLING_TEST_PORT" 2>&1) || {
  echo "isql failed: $out"; exit 1; }
count=$(echo "$out" | grep -E '^[[:space:]]*[0-9]+[[:space:]]*$' | head -1 | tr -d '[:space:]')
echo "SYS.NODES rows: ${count:-none} (expected $KINDLING_TEST_NODES)"
[ "$count" = "$KINDLING_TEST_NODES" ]
