#!/usr/bin/env bash
# The whole Kindling test suite, on a fresh machine or a warm one:
#   installs what is missing, builds (CI preset: warnings are errors), starts the Ignite clusters of
#   tests/cluster-plan.env, runs every test with ctest (labels unit, integration, odbc, e2e, package),
#   then an ASan+UBSan build of the unit and integration tests against the same clusters, stops the
#   clusters and exits non-zero on any failure. Meanwhile a guard listens on the quickstart's port
#   127.0.0.1:10800 (unless a real node has it) and fails the run if any test connected there.
#
# Usage: ./tests/run.sh [--full] [--no-asan] [--keep-clusters] [-L <ctest label regex>]
#   --full           also the long runs: TSan build, 10 M fuzz executions per target, benchmarks
#   --no-asan        skip the sanitizer build and the fuzz smoke run (quicker local runs)
#   --keep-clusters  leave the clusters running afterwards (stop: tests/cluster/cluster.sh stop --base-port P)
#   -L REGEX         only tests whose label matches
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
full=0 asan=1 keep=0 label=""
while (($#)); do
  case "$1" in
    --full) full=1 ;;
    --no-asan) asan=0 ;;
    --keep-clusters) keep=1 ;;
    -L) label=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

started=$(date +%s)
say() { printf '\n=== [%4ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }
jobs_n=${KINDLING_JOBS:-$(nproc)}

say "dependencies"
./installer/install-deps.sh

# shellcheck source=cluster-plan.env
source tests/cluster-plan.env
cluster=tests/cluster/cluster.sh
clusters=(
  "--nodes $KINDLING_TEST_NODES --base-port $KINDLING_TEST_PORT"
  "--nodes 1 --base-port $KINDLING_TEST_SSL_PORT --ssl"
  "--nodes 1 --base-port $KINDLING_TEST_AUTH_PORT --auth"
  "--nodes 1 --base-port $KINDLING_TEST_TZ_PORT --timezone $KINDLING_TEST_TZ"
  "--nodes 1 --base-port $KINDLING_TEST_TXSQL_PORT --tx-sql"
  "--nodes 3 --base-port $KINDLING_TEST_FAILOVER_PORT"
)

stop_clusters() {
  for spec in "${clusters[@]}"; do
    # shellcheck disable=SC2086
    port=$(set -- $spec; while (($#)); do [ "$1" = --base-port ] && { echo "$2"; break; }; shift; done)
    "$cluster" stop --base-port "$port" >/dev/null 2>&1 || true
  done
}

# The quickstart's port guard (tests/support/port_guard.py, issue 14): while the tests run, a
# listener on 127.0.0.1:10800 that run.sh starts itself counts connections; any fails the run.
# When 10800 is taken (the quickstart's node), the guard leaves it alone and says so.
guard_pid="" guard_log=build/port-guard.log
start_guard() {
  python3 tests/support/port_guard.py --port 10800 --parent $$ >"$guard_log" 2>&1 &
  guard_pid=$!
  for _ in $(seq 100); do  # it is listening (or has skipped) within milliseconds
    grep -q '^port-guard: \(listening\|skipped\|error\)' "$guard_log" 2>/dev/null && break
    kill -0 "$guard_pid" 2>/dev/null || break
    sleep 0.05
  done
  cat "$guard_log"
}
# Stops the guard and prints its report; returns non-zero if a test connected to 10800.
stop_guard() {
  [ -n "$guard_pid" ] || return 0
  local pid=$guard_pid rc=0
  guard_pid=""
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || rc=$?
  grep -v '^port-guard: listening' "$guard_log" || true
  case $rc in
    0|3) return 0 ;;  # no connection / port taken by a real node: skipped
    1) echo "run.sh: FAILED: a test connected to the quickstart's port 10800 (see $guard_log)" >&2; return 1 ;;
    *) echo "run.sh: FAILED: the port guard ended with status $rc (see $guard_log)" >&2; return 1 ;;
  esac
}
on_exit() {
  stop_guard || true  # an early exit is a failure already
  if ((!keep)); then stop_clusters; fi
}
trap on_exit EXIT

# The clusters boot (JVM start, discovery, activation) while the build compiles.
say "starting clusters in the background"
mkdir -p build
cluster_logs=()
cluster_pids=()
stop_clusters
for spec in "${clusters[@]}"; do
  logf="build/cluster-$(echo "$spec" | tr -c 'a-z0-9' '_').log"
  # shellcheck disable=SC2086
  "$cluster" start $spec >"$logf" 2>&1 &
  cluster_pids+=($!)
  cluster_logs+=("$logf")
  sleep 2  # stagger the JVM starts on a small machine
done

say "build (preset ci)"
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$jobs_n"

say "waiting for the clusters"
for i in "${!cluster_pids[@]}"; do
  if ! wait "${cluster_pids[$i]}"; then
    echo "cluster failed to start: ${clusters[$i]}" >&2
    cat "${cluster_logs[$i]}" >&2
    exit 1
  fi
  tail -n 1 "${cluster_logs[$i]}"
done

failed=0
ctest_args=(--output-on-failure -j 2 --timeout 600)
[ -n "$label" ] && ctest_args+=(-L "$label")

say "port guard on 127.0.0.1:10800 (the quickstart's port: no test may connect to it)"
start_guard

say "ctest (ci build)"
ctest --test-dir build/ci "${ctest_args[@]}" || failed=1

if ((asan)); then
  say "build (preset asan)"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs_n"
  say "ctest (asan build: unit + integration)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/asan --output-on-failure -j 2 --timeout 900 -L "${label:-unit|integration}" || failed=1
fi

if ((asan)) && [ -z "$label" ]; then
  say "fuzz smoke: 20 s per target (libFuzzer, ASan+UBSan)"
  tests/fuzz/run.sh --seconds 20 || failed=1
fi

if ((full)); then
  say "full: TSan build"
  cmake --preset tsan >/dev/null
  cmake --build --preset tsan -j "$jobs_n"
  TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build/tsan --output-on-failure -j 2 -L "unit|integration" || failed=1
  if [ -x tests/fuzz/run.sh ]; then
    say "full: fuzzing, 10 M executions per target"
    tests/fuzz/run.sh --runs 10000000 || failed=1
  fi
  if [ -x tests/bench/run.sh ]; then
    say "full: benchmarks"
    tests/bench/run.sh || failed=1
  fi
fi

say "port guard report"
stop_guard || failed=1

say "done: $([ $failed -eq 0 ] && echo PASSED || echo FAILED) in $(( $(date +%s) - started )) s"
exit $failed
