#!/usr/bin/env bash
# Benchmarks (figures, not tests): Kindling beside the Java thin client, the JDBC thin driver and
# pyignite, all against one local node this script starts, in this process tree.
# Usage: tests/bench/run.sh [--rows N] [--ops N] [--build-dir DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
rows=100000 ops=20000 build=build/release port=10960
while (($#)); do
  case "$1" in
    --rows) rows=$2; shift ;;
    --ops) ops=$2; shift ;;
    --build-dir) build=$2; shift ;;
    *) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
if [ ! -x "$build/tests/bench/kindling_bench" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release -j "$(nproc)" --target kindling_bench kindling_odbc
  build=build/release
fi
tests/cluster/cluster.sh start --nodes 1 --base-port $port >/dev/null
trap 'tests/cluster/cluster.sh stop --base-port '$port' >/dev/null' EXIT
export ODBCSYSINI=$root/$build/tests/odbc-ini ODBCINSTINI=odbcinst.ini
bench=$build/tests/bench/kindling_bench
java=tests/cluster/java-helper.sh
results=$(mktemp)
# A fresh node runs its first statements interpreted: each client warms it once before the measured
# runs, or whichever goes first pays the JIT (measured: 4.1k vs 39k rows/s for the same insert).
$bench odbc-insert 127.0.0.1:$port 20000 >/dev/null
$java jdbc-insert $port 20000 >/dev/null 2>&1
{
  $bench odbc-insert 127.0.0.1:$port "$rows"
  $java jdbc-insert $port "$rows"
  $bench odbc-fetch 127.0.0.1:$port "$rows"
  $java jdbc-fetch $port "$rows"
  $bench kv-put 127.0.0.1:$port "$ops"
  $java --port $port thin-put "$ops"
  $bench kv-get 127.0.0.1:$port "$ops"
  $java --port $port thin-get "$ops"
  py=${KINDLING_VENV:-$HOME/.cache/kindling/venv}/bin/python
  if "$py" -c "import pyignite" 2>/dev/null; then
    "$py" - "$port" "$ops" <<'PY'
import sys, time
from pyignite import Client
port, n = int(sys.argv[1]), int(sys.argv[2])
c = Client(); c.connect("127.0.0.1", port)
cache = c.get_or_create_cache("bench_kv_py")
t = time.perf_counter()
for i in range(n): cache.put(i, "value-%d" % i)
s = time.perf_counter() - t; print("pyignite-put %d %.3f %.0f" % (n, s, n / s))
t = time.perf_counter()
for i in range(n): cache.get(i)
s = time.perf_counter() - t; print("pyignite-get %d %.3f %.0f" % (n, s, n / s))
PY
  fi
} | tee "$results"
echo
echo "ratios (Kindling ops/s ÷ other ops/s; above 1 means Kindling is faster):"
awk '{ r[$1] = $4 }
     END {
       pair("odbc-insert", "jdbc-insert"); pair("odbc-fetch", "jdbc-fetch");
       pair("kv-put", "thin-put"); pair("kv-get", "thin-get");
       pair("kv-put", "pyignite-put"); pair("kv-get", "pyignite-get");
     }
     function pair(a, b) { if ((a in r) && (b in r) && r[b] > 0) printf "  %-12s vs %-13s %6.2f\n", a, b, r[a] / r[b] }' "$results"
