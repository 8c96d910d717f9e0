#!/usr/bin/env bash
# installer/register-driver.sh, create-dsn.sh and unregister-driver.sh against the build tree's
# driver, in scratch ODBCSYSINI/ODBCINI/HOME directories (never /etc): register (twice: idempotent),
# a user and a system DSN that isql then uses, unknown keys refused with the key list, unregister.
set -euo pipefail
: "${KINDLING_SOURCE_DIR:?run through ctest}" "${KINDLING_ODBC_DRIVER:?}"
inst=$KINDLING_SOURCE_DIR/installer
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export ODBCSYSINI=$scratch/sys ODBCINSTINI=odbcinst.ini ODBCINI=$scratch/home/.odbc.ini HOME=$scratch/home
mkdir -p "$ODBCSYSINI" "$HOME"
: >"$ODBCSYSINI/odbcinst.ini"; : >"$ODBCSYSINI/odbc.ini"
fail() { echo "FAIL: $*"; exit 1; }

"$inst/register-driver.sh" --driver "$KINDLING_ODBC_DRIVER" | tee "$scratch/out"
odbcinst -q -d | grep -qx '\[Kindling\]' || fail "odbcinst -q -d does not list Kindling"
grep -q "^Driver=$KINDLING_ODBC_DRIVER\$" "$ODBCSYSINI/odbcinst.ini" || fail "odbcinst.ini: $(cat "$ODBCSYSINI/odbcinst.ini")"
"$inst/register-driver.sh" --driver "$KINDLING_ODBC_DRIVER" | grep -q "already registered" || fail "second register is not idempotent"
grep -q '^UsageCount=1$' "$ODBCSYSINI/odbcinst.ini" || fail "usage count grew: $(cat "$ODBCSYSINI/odbcinst.ini")"
# --prefix: a fake install tree.
mkdir -p "$scratch/prefix/lib"
cp "$KINDLING_ODBC_DRIVER" "$scratch/prefix/lib/libkindling-odbc.so"
"$inst/register-driver.sh" --prefix "$scratch/prefix" --name KindlingPrefix >/dev/null
grep -q "^Driver=$scratch/prefix/lib/libkindling-odbc.so\$" "$ODBCSYSINI/odbcinst.ini" || fail "--prefix not registered"

"$inst/create-dsn.sh" E2eUserDsn "ADDRESS=$KINDLING_TEST_HOST:$KINDLING_TEST_PORT" schema=PUBLIC page_size=64
grep -q '^\[E2eUserDsn\]' "$ODBCINI" || fail "user DSN not in $ODBCINI"
grep -q '^PAGE_SIZE=64' "$ODBCINI" || fail "keys are not upper-cased in the DSN"
"$inst/create-dsn.sh" E2eSysDsn --system --driver KindlingPrefix "ADDRESS=$KINDLING_TEST_HOST:$KINDLING_TEST_PORT" >/dev/null
grep -q '^\[E2eSysDsn\]' "$ODBCSYSINI/odbc.ini" || fail "system DSN not in $ODBCSYSINI/odbc.ini"
# Replacing a DSN keeps one section.
"$inst/create-dsn.sh" E2eUserDsn "ADDRESS=$KINDLING_TEST_HOST:$KINDLING_TEST_PORT" >/dev/null
[ "$(grep -c '^\[E2eUserDsn\]' "$ODBCINI")" = 1 ] || fail "DSN defined twice"
for dsn in E2eUserDsn E2eSysDsn; do
  out=$(echo "SELECT 40 + 2" | isql -b "$dsn" 2>&1) || fail "isql $dsn: $out"
  echo "$out" | grep -q '^| 42 ' || fail "isql $dsn: $out"
done
echo "isql through both DSNs: 42"

# An unknown key: refused, exit 2, the key list printed, nothing written.
set +e
err=$("$inst/create-dsn.sh" E2eBadDsn ADDRESS=x:1 SSL_MODDE=require 2>&1); rc=$?
set -e
[ "$rc" = 2 ] || fail "unknown key: exit $rc"
echo "$err" | grep -q "unknown DSN key 'SSL_MODDE'" || fail "unknown key message: $err"
echo "$err" | grep -qx '  SSL_MODE' || fail "the key list is not printed: $err"
grep -q E2eBadDsn "$ODBCINI" && fail "a refused DSN was written"
echo "unknown key refused with the list"

"$inst/unregister-driver.sh" | grep -q unregistered || fail "unregister"
"$inst/unregister-driver.sh" --name KindlingPrefix >/dev/null
odbcinst -q -d | grep -q Kindling && fail "still registered: $(odbcinst -q -d)"
"$inst/unregister-driver.sh" | grep -q "not registered" || fail "second unregister"
echo "PASS"
