#!/usr/bin/env bash
# Kindling quickstart, on a fresh Debian machine or a warm one (re-running is safe):
#   1. installs the dependencies (installer/install-deps.sh)
#   2. builds Release and installs it (prefix: --prefix DIR or $KINDLING_PREFIX, default /usr/local)
#   3. registers the ODBC driver with unixODBC under the name "Kindling"
#   4. starts one local Apache Ignite node on 127.0.0.1:10800 (unless it is already running)
#   5. defines the DSN "IgniteLocal"
#   6. runs a demo: the reference document's City table through isql, then a kvapi example
# Usage: ./installer/quickstart.sh [--prefix DIR] [--port P]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
prefix=${KINDLING_PREFIX:-/usr/local}
port=10800
while (($#)); do
  case "$1" in
    --prefix) prefix=$2; shift ;;
    --port) port=$2; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "quickstart.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
step() { printf '\n==> %s\n' "$*"; }

step "Installing dependencies"
./installer/install-deps.sh

step "Building (Release; the release preset builds no tests)"
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

step "Installing into $prefix"
cmake --install build/release --prefix "$prefix" >/dev/null
driver="$prefix/lib/libkindling-odbc.so"
[ -f "$driver" ] || driver=$(find "$prefix" -name libkindling-odbc.so -print -quit)
[ -f "$driver" ] || { echo "the driver was not installed under $prefix" >&2; exit 1; }
echo "driver: $driver"

step "Registering the ODBC driver 'Kindling' with unixODBC"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s#@DRIVER_PATH@#$driver#" installer/odbc/odbcinst.ini.in >"$tmp/odbcinst.ini"
odbcinst -u -d -n Kindling >/dev/null 2>&1 || true   # replace, so a new prefix takes effect
odbcinst -i -d -f "$tmp/odbcinst.ini" >/dev/null
odbcinst -q -d -n Kindling

step "Starting a local Ignite node on 127.0.0.1:$port"
installer/local-node.sh start --port "$port"

step "Defining the DSN 'IgniteLocal'"
sed "s#@PORT@#$port#" installer/odbc/odbc.ini.in >"$tmp/odbc.ini"
odbcinst -u -s -l -n IgniteLocal >/dev/null 2>&1 || true
odbcinst -i -s -l -f "$tmp/odbc.ini" >/dev/null
odbcinst -q -s -l -n IgniteLocal

step "Demo 1: the City table through isql (DSN IgniteLocal)"
out=$(isql -b -v IgniteLocal <examples/sql/city.sql 2>&1) || { echo "$out"; exit 1; }
echo "$out"
rows=$(echo "$out" | grep -c -E '\| 3[0-9]{3} ' || true)
if [ "$rows" != 8 ]; then echo "expected 8 City rows from isql, saw $rows" >&2; exit 1; fi

step "Demo 2: the kvapi C++ API (examples)"
for ex in key_value sql_city; do
  if [ -x "build/release/examples/$ex" ]; then
    "build/release/examples/$ex" "127.0.0.1:$port"
  fi
done

cat <<TXT

Kindling is installed and a local Ignite node is running on 127.0.0.1:$port.
  Try:      isql -v IgniteLocal        then   SELECT * FROM City WHERE Population > 2000000;
  Python:   pyodbc.connect("DSN=IgniteLocal")
  Stop it:  $root/installer/local-node.sh stop --port $port
TXT
