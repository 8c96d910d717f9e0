#!/usr/bin/env bash
# Scripted isql and iusql sessions through DSN KindlingTest: `help` (SQLTables), `help TABLE`
# (SQLColumns), an INSERT and a query; iusql goes through the driver's W API (SQLExecDirectW,
# SQLTablesW, SQLColumnsW, SQL_C_WCHAR data). Non-ASCII text is checked with isql only: iusql
# (unixODBC 2.3.11) widens its input bytes one by one (sign-extended: 'ë' = C3 AB becomes U+FFC3
# U+FFAB) and narrows SQLWCHARs back to one byte each for display, so it is not UTF-8 aware.
set -euo pipefail
: "${KINDLING_SOURCE_DIR:?run through ctest}"
export LC_ALL=C.UTF-8 LANG=C.UTF-8
t=E2E_ISQL_HELP
fail() { echo "FAIL: $*"; exit 1; }
cleanup() { echo "DROP TABLE IF EXISTS $t" | isql -b KindlingTest >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup
echo "CREATE TABLE $t (ID INT PRIMARY KEY, NAME VARCHAR(20), AMOUNT DECIMAL(10,2))" | isql -b KindlingTest >/dev/null

for tool in isql iusql; do
  out=$(printf 'help\nhelp %s\nINSERT INTO %s VALUES (%s, %s, 1.25)\nSELECT NAME, AMOUNT FROM %s ORDER BY ID\n' \
          "$t" "$t" "$([ $tool = isql ] && echo 1 || echo 2)" "$([ $tool = isql ] && echo "'Zoë'" || echo "'Tokyo'")" "$t" \
        | $tool -v KindlingTest 2>&1) || fail "$tool: $out"
  echo "--- $tool"
  echo "$out" | grep -a -E "SQL>|Zoë|Tokyo" | sed 's/  */ /g' | head -20
  # help: one SQLTables row for the table (TABLE_SCHEM PUBLIC, TABLE_TYPE TABLE).
  echo "$out" | grep -aE "\| *PUBLIC *\| *$t *\| *TABLE" >/dev/null || fail "$tool help: no row for $t"
  # help TABLE: SQLColumns rows, in order, with type names.
  for col in "ID.*INTEGER" "NAME.*VARCHAR" "AMOUNT.*DECIMAL"; do
    echo "$out" | grep -aE "\| *$t *\| *$col" >/dev/null || fail "$tool help $t: no column $col"
  done
done
out=$(echo "SELECT NAME FROM $t ORDER BY ID" | isql -b KindlingTest 2>&1)
echo "$out" | grep -q "| Zoë " && echo "$out" | grep -q "| Tokyo " || fail "isql read-back: $out"
out=$(echo "SELECT ID, NAME FROM $t WHERE ID = 2" | iusql -b KindlingTest 2>&1)
echo "$out" | grep -aq "| Tokyo " || fail "iusql read-back: $out"
echo "PASS"
