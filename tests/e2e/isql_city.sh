#!/usr/bin/env bash
# The reference document's City table through isql and a DSN of the build tree: 8 rows back.
set -euo pipefail
: "${KINDLING_SOURCE_DIR:?run through ctest}"
out=$(sed 's/\bCity\b/E2eCity/g; s/\bcity\b/E2eCity/g; s/idx_country_code/idx_e2e_country_code/' \
        "$KINDLING_SOURCE_DIR/examples/sql/city.sql" | isql -b -v KindlingTest 2>&1) || { echo "$out"; exit 1; }
echo "$out" | tail -n 14
rows=$(echo "$out" | grep -c -E '^\| 3[0-9]{3} ' || true)
[ "$rows" = 8 ] || { echo "expected 8 rows, got $rows"; exit 1; }
echo "$out" | grep -q '| 3793       | New York ' || { echo "New York row missing or misformatted"; exit 1; }
echo "DROP TABLE E2eCity" | isql -b KindlingTest >/dev/null
