#!/usr/bin/env bash
# installer/local-node.sh: start|status|stop of a user's node on a free test port (10960), with its
# state under a scratch XDG_DATA_HOME, a query through it, and the message when Java is missing.
set -euo pipefail
: "${KINDLING_SOURCE_DIR:?run through ctest}" "${KINDLING_ODBC_DRIVER:?}"
node=$KINDLING_SOURCE_DIR/installer/local-node.sh
port=${KINDLING_LOCAL_NODE_TEST_PORT:-10960}
scratch=$(mktemp -d)
export XDG_DATA_HOME=$scratch/data
cleanup() { "$node" stop --port "$port" >/dev/null 2>&1 || true; rm -rf "$scratch"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Java missing: a PATH with everything of /usr/bin but java.
mkdir -p "$scratch/bin"
for f in /usr/bin/* /bin/*; do
  b=$(basename "$f"); [ "$b" = java ] || [ -e "$scratch/bin/$b" ] || ln -s "$f" "$scratch/bin/$b"
done
set +e
err=$(PATH=$scratch/bin "$node" start --port "$port" 2>&1); rc=$?
set -e
[ "$rc" = 1 ] && echo "$err" | grep -q "Java is not installed" || fail "no clear message without Java (exit $rc): $err"
echo "without Java: $err" | head -2

set +e; "$node" status --port "$port" >/dev/null 2>&1; rc=$?; set -e
[ "$rc" = 3 ] || fail "status before start: exit $rc"
start=$(date +%s)
"$node" start --port "$port"
echo "node started in $(( $(date +%s) - start )) s"
[ -d "$XDG_DATA_HOME/kindling/node/$port" ] || fail "state is not under \$XDG_DATA_HOME/kindling/node"
"$node" status --port "$port"
"$node" start --port "$port" | grep -q "already running" || fail "second start"
out=$(echo "SELECT COUNT(*) FROM SYS.NODES" | isql -b -x0x09 -k "DRIVER=$KINDLING_ODBC_DRIVER;ADDRESS=127.0.0.1:$port" 2>&1) || fail "isql: $out"
echo "$out" | grep -qE '^[[:space:]]*1[[:space:]]*$' || fail "expected one node: $out"
"$node" stop --port "$port"
set +e; "$node" status --port "$port" >/dev/null 2>&1; rc=$?; set -e
[ "$rc" = 3 ] || fail "status after stop: exit $rc"
echo "PASS"
