#!/usr/bin/env bash
# One local Apache Ignite 2.17 node for trying Kindling (the quickstart's node), outside tests/:
#   installer/local-node.sh start|stop|status [--port P]
#     start    starts one node on 127.0.0.1:P (default 10800) unless it already runs there
#     stop     stops the node this script started on port P (nothing else)
#     status   exit 0 when it runs, 3 when not
# The node is the launcher of tests/cluster (Ignite server jars from Maven Central, resolved into
# ~/.m2 on first use; needs Java 17+ and Maven). Its data, logs and pid files live under
# $KINDLING_NODE_HOME (default ${XDG_DATA_HOME:-~/.local/share}/kindling/node/<P>), not in /tmp.
# Every start is a fresh node (in-memory: tables do not survive a stop).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cmd=${1:-}
[ -n "$cmd" ] && shift
port=10800
while (($#)); do
  case "$1" in
    --port) port=$2; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "local-node.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$cmd" in start|stop|status) ;; -h|--help|"") sed -n '2,11p' "$0"; exit 2 ;;
  *) echo "local-node.sh: unknown command '$cmd' (start, stop or status)" >&2; exit 2 ;; esac
[[ "$port" =~ ^[0-9]+$ ]] && ((port >= 1024 && port <= 12000)) || {
  echo "local-node.sh: --port must be 1024..12000 (the node also uses P+10000 and P+20000)" >&2; exit 2; }

state=${KINDLING_NODE_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/kindling/node}
cluster=$root/tests/cluster/cluster.sh
[ -x "$cluster" ] || { echo "local-node.sh: $cluster is missing (run from a Kindling source tree)" >&2; exit 1; }
export KINDLING_CLUSTER_STATE=$state

if [ "$cmd" = start ]; then
  if ! command -v java >/dev/null 2>&1; then
    echo "local-node.sh: Java is not installed; the Ignite node needs Java 17 or newer." >&2
    echo "  Debian: sudo apt-get install openjdk-17-jre-headless maven   (or run installer/install-deps.sh)" >&2
    exit 1
  fi
  major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  if [ -n "$major" ] && ((major < 17)); then
    echo "local-node.sh: Java $major found; the Ignite node needs Java 17 or newer." >&2
    exit 1
  fi
  if ! command -v mvn >/dev/null 2>&1 && [ ! -f "$root/tests/cluster/target/kindling-test-cluster-1.jar" ]; then
    echo "local-node.sh: Maven is not installed; it fetches the Ignite jars from Maven Central once." >&2
    echo "  Debian: sudo apt-get install maven   (or run installer/install-deps.sh)" >&2
    exit 1
  fi
  if "$cluster" status --base-port "$port" >/dev/null 2>&1; then
    echo "an Ignite node is already running on 127.0.0.1:$port (state: $state/$port)"
    exit 0
  fi
  # A node an older quickstart started with tests/cluster/cluster.sh's default state dir.
  if KINDLING_CLUSTER_STATE=/tmp/kindling-cluster "$cluster" status --base-port "$port" >/dev/null 2>&1; then
    echo "an Ignite node is already running on 127.0.0.1:$port (started by tests/cluster/cluster.sh, state in /tmp/kindling-cluster/$port)"
    exit 0
  fi
  mkdir -p "$state"
  "$cluster" start --nodes 1 --base-port "$port"
  echo "data and logs: $state/$port"
  echo "stop it with:  $root/installer/local-node.sh stop --port $port"
elif [ "$cmd" = stop ]; then
  if [ ! -d "$state/$port" ]; then
    echo "no node of local-node.sh on port $port"
    exit 0
  fi
  "$cluster" stop --base-port "$port"
else
  "$cluster" status --base-port "$port"
fi
