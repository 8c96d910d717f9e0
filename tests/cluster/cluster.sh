#!/usr/bin/env bash
# Real Apache Ignite nodes for Kindling's tests, on 127.0.0.1 only.
#
#   cluster.sh start|stop|status [--nodes N (1..4)] [--base-port P (default 10800)] [--ssl] [--auth] [--tx-sql]
#                                [--timezone ZONE]
#   cluster.sh kill|restart --node I [--base-port P]      SIGKILL one node / start it again, same config
#   cluster.sh add-node [--base-port P]                   start node N+1 of a running cluster
#   cluster.sh prepare                                    fetch the jars (Maven Central) and build the launcher
#   cluster.sh certs --base-port P                        print the PEM paths of a --ssl cluster
#
# Ports, from the base port P: node I serves thin clients (and JDBC/ODBC) on P+I-1; its discovery
# port is P+10000+I-1 and its communication port P+20000+I-1 (all below 32768, where Linux starts
# handing out ephemeral client ports). Clusters whose base ports differ by
# at least 4 never share a port (tests use 10900, 10910, 10920, 10930, 10940, 10950; the quickstart 10800).
# State (pid files, logs, work dirs, certificates) lives in $KINDLING_CLUSTER_STATE/<P>
# (default /tmp/kindling-cluster/<P>); `stop` ends only the processes recorded there.
# --ssl: TLS on the client connector with client authentication; the CA, server and client
#   certificates (SANs 127.0.0.1 and localhost) and an untrusted CA + client are made once per
#   state dir; `start` prints SSL_CA_FILE=, SSL_CERT_FILE=, SSL_KEY_FILE= (and UNTRUSTED_*) lines.
# --auth: authentication (user ignite / ignite) with native persistence; activated before start returns.
# --tx-sql: Calcite as the default engine and transaction-aware SQL. Otherwise H2 is the default
#   and Calcite is available through the /*+ QUERY_ENGINE('calcite') */ hint.
# Always: thin-client compute enabled, and a cache template "partitioned1000*" (1000 partitions):
#   CREATE TABLE ... WITH "template=partitioned1000", or a cache named e.g. "partitioned1000_x".
# --timezone ZONE: the nodes' JVMs run in ZONE (e.g. Asia/Tokyo); kept for restart and add-node.
# Environment: KINDLING_NODE_TZ (overrides --timezone), KINDLING_CLUSTER_JAVA_OPTS.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
state_root=${KINDLING_CLUSTER_STATE:-/tmp/kindling-cluster}
cmd=${1:-}
[ -n "$cmd" ] && shift
nodes=1 base=10800 ssl=0 auth=0 txsql=0 node="" tz=""
while (($#)); do
  case "$1" in
    --nodes) nodes=$2; shift ;;
    --base-port) base=$2; shift ;;
    --node) node=$2; shift ;;
    --ssl) ssl=1 ;;
    --auth) auth=1 ;;
    --tx-sql) txsql=1 ;;
    --timezone) tz=$2; shift ;;
    *) echo "cluster.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
[[ "$nodes" =~ ^[1-4]$ ]] || { echo "cluster.sh: --nodes must be 1..4" >&2; exit 2; }
[[ "$base" =~ ^[0-9]+$ ]] && ((base >= 1024 && base <= 12000)) || { echo "cluster.sh: --base-port must be 1024..12000" >&2; exit 2; }
dir="$state_root/$base"

die() { echo "cluster.sh: $*" >&2; exit 1; }

prepare() {
  local jar="$here/target/kindling-test-cluster-1.jar"
  if [ -f "$jar" ] && [ -d "$here/target/lib" ] && [ -z "$(find "$here/pom.xml" "$here/src" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  echo "cluster.sh: building the launcher (Ignite jars from Maven Central into ~/.m2)" >&2
  (cd "$here" && { mvn -q -B -o package -DskipTests >/dev/null 2>&1 || mvn -q -B package -DskipTests >&2; }) \
    || die "maven build of tests/cluster failed"
}

classpath() { echo "$here/target/kindling-test-cluster-1.jar:$here/target/lib/*"; }

java_opts() {
  local opts=(-Xms512m -Xmx512m -XX:+UseG1GC -Djava.net.preferIPv4Stack=true
    -DIGNITE_QUIET=true -DIGNITE_UPDATE_NOTIFIER=false -DIGNITE_NO_ASCII=true
    -DIGNITE_PERFORMANCE_SUGGESTIONS_DISABLED=true)
  local m
  for m in java.base/jdk.internal.access java.base/jdk.internal.misc java.base/sun.nio.ch \
           java.base/sun.util.calendar java.management/com.sun.jmx.mbeanserver \
           jdk.internal.jvmstat/sun.jvmstat.monitor java.base/sun.reflect.generics.reflectiveObjects \
           jdk.management/com.sun.management.internal java.base/java.io java.base/java.nio \
           java.base/java.net java.base/java.util java.base/java.util.concurrent \
           java.base/java.util.concurrent.locks java.base/java.util.concurrent.atomic java.base/java.lang \
           java.base/java.lang.invoke java.base/java.math java.sql/java.sql java.base/java.lang.reflect \
           java.base/java.time java.base/java.text java.management/sun.management java.desktop/java.awt.font; do
    opts+=("--add-opens=$m=ALL-UNNAMED")
  done
  local zone=${KINDLING_NODE_TZ:-}
  [ -z "$zone" ] && [ -f "$dir/tz" ] && zone=$(cat "$dir/tz")
  [ -n "$zone" ] && opts+=("-Duser.timezone=$zone")
  # shellcheck disable=SC2206
  [ -n "${KINDLING_CLUSTER_JAVA_OPTS:-}" ] && opts+=($KINDLING_CLUSTER_JAVA_OPTS)
  printf '%s\n' "${opts[@]}"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

alive() { [ -f "$dir/node-$1.pid" ] && kill -0 "$(cat "$dir/node-$1.pid")" 2>/dev/null; }

make_certs() {
  local c="$dir/certs"
  [ -f "$c/truststore.p12" ] && return 0
  mkdir -p "$c"
  (
    cd "$c"
    local san="subjectAltName=IP:127.0.0.1,DNS:localhost"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Kindling Test CA" -keyout ca.key -out ca.pem 2>/dev/null
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Kindling Untrusted CA" -keyout untrusted-ca.key -out untrusted-ca.pem 2>/dev/null
    for who in server client; do
      openssl req -newkey rsa:2048 -nodes -subj "/CN=kindling-$who" -keyout "$who.key" -out "$who.csr" 2>/dev/null
      openssl x509 -req -in "$who.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
        -extfile <(echo "$san") -out "$who.pem" 2>/dev/null
    done
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kindling-untrusted-client" -keyout untrusted-client.key -out untrusted-client.csr 2>/dev/null
    openssl x509 -req -in untrusted-client.csr -CA untrusted-ca.pem -CAkey untrusted-ca.key -CAcreateserial -days 3650 \
      -extfile <(echo "$san") -out untrusted-client.pem 2>/dev/null
    # A server certificate signed by the untrusted CA, for "wrong server" tests.
    openssl x509 -req -in server.csr -CA untrusted-ca.pem -CAkey untrusted-ca.key -CAcreateserial -days 3650 \
      -extfile <(echo "$san") -out untrusted-server.pem 2>/dev/null
    openssl pkcs12 -export -in server.pem -inkey server.key -certfile ca.pem -name server -passout pass:changeit -out server.p12
    openssl pkcs12 -export -in client.pem -inkey client.key -certfile ca.pem -name client -passout pass:changeit -out client.p12
    keytool -importcert -noprompt -alias ca -file ca.pem -keystore truststore.p12 -storetype PKCS12 -storepass changeit >/dev/null 2>&1
    rm -f ./*.csr ./*.srl
  ) || die "certificate generation failed"
}

print_certs() {
  local c="$dir/certs"
  echo "SSL_CA_FILE=$c/ca.pem"
  echo "SSL_CERT_FILE=$c/client.pem"
  echo "SSL_KEY_FILE=$c/client.key"
  echo "UNTRUSTED_CA_FILE=$c/untrusted-ca.pem"
  echo "UNTRUSTED_CERT_FILE=$c/untrusted-client.pem"
  echo "UNTRUSTED_KEY_FILE=$c/untrusted-client.key"
}

# helper options for the Java thin client, from the recorded flags of this cluster
helper_opts() {
  local f
  f=$(cat "$dir/flags" 2>/dev/null || true)
  [[ " $f " == *" --auth "* ]] && printf '%s\n' --user ignite --password ignite
  [[ " $f " == *" --ssl "* ]] && printf '%s\n' --ssl-key-store "$dir/certs/client.p12" --ssl-trust-store "$dir/certs/truststore.p12"
  return 0
}

java_helper() {
  local opts
  mapfile -t opts < <(java_opts | grep -- --add-opens)
  java "${opts[@]}" -Xmx256m -cp "$(classpath)" -DIGNITE_QUIET=true io.kindling.cluster.JavaHelper "$@"
}

launch_node() {
  local i=$1 flags
  flags=$(cat "$dir/flags")
  rm -f "$dir/node-$i/ready"
  mkdir -p "$dir/node-$i"
  local opts
  mapfile -t opts < <(java_opts)
  # setsid: the node outlives the shell that started it (quickstart leaves it running).
  # shellcheck disable=SC2086
  setsid java "${opts[@]}" -cp "$(classpath)" io.kindling.cluster.ServerNode \
    --index "$i" --base-port "$base" --state "$dir" $flags \
    >"$dir/node-$i.log" 2>&1 </dev/null &
  echo $! >"$dir/node-$i.pid"
}

wait_ready() {  # wait_ready I...: every listed node wrote its ready file
  local deadline=$((SECONDS + ${KINDLING_CLUSTER_TIMEOUT:-180})) i
  for i in "$@"; do
    while [ ! -f "$dir/node-$i/ready" ]; do
      alive "$i" || { tail -n 30 "$dir/node-$i.log" >&2; return 1; }
      ((SECONDS < deadline)) || { echo "cluster.sh: node $i not up in time" >&2; tail -n 30 "$dir/node-$i.log" >&2; return 1; }
      sleep 0.5
    done
  done
}

count_nodes() { cat "$dir/count" 2>/dev/null || echo 0; }

verify() {  # every node answers a thin-client handshake; topology has N server nodes
  local n=$1 ports=() i hopts
  mapfile -t hopts < <(helper_opts)
  for ((i = 1; i <= n; i++)); do ports+=(--port $((base + i - 1))); done
  if [[ " $(cat "$dir/flags") " == *" --auth "* ]]; then
    java_helper "${hopts[@]}" --port "$base" activate >/dev/null || return 1
  fi
  for ((i = 1; i <= n; i++)); do
    java_helper "${hopts[@]}" --port $((base + i - 1)) wait-nodes "$n" 60 >/dev/null || {
      echo "cluster.sh: node $i (port $((base + i - 1))) does not see $n nodes" >&2; return 1; }
  done
}

stop_all() {
  local pids=() f
  for f in "$dir"/node-*.pid; do
    [ -f "$f" ] || continue
    local p
    p=$(cat "$f")
    # Only our own node: the command line must name our launcher and this base port.
    if kill -0 "$p" 2>/dev/null && tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q "ServerNode .*--base-port $base "; then
      kill -TERM "$p" 2>/dev/null || true
      pids+=("$p")
    fi
    rm -f "$f"
  done
  local deadline=$((SECONDS + 20))
  for p in "${pids[@]}"; do
    while kill -0 "$p" 2>/dev/null; do
      if ((SECONDS >= deadline)); then kill -KILL "$p" 2>/dev/null || true; fi
      sleep 0.2
    done
  done
  rm -f "$dir/count"
}

case "$cmd" in
  prepare)
    prepare ;;
  start)
    prepare
    mkdir -p "$dir"
    if [ -f "$dir/count" ]; then
      running=0
      for ((i = 1; i <= $(count_nodes); i++)); do alive "$i" && running=1; done
      ((running)) && die "a cluster with base port $base is already running (stop it first: cluster.sh stop --base-port $base)"
    fi
    for ((i = 1; i <= nodes; i++)); do
      for p in $((base + i - 1)) $((base + 10000 + i - 1)) $((base + 20000 + i - 1)); do
        port_busy "$p" && die "port $p is already in use on 127.0.0.1; nothing was started (choose another --base-port)"
      done
    done
    flags=""
    ((ssl)) && flags+=" --ssl"
    ((auth)) && flags+=" --auth"
    ((txsql)) && flags+=" --tx-sql"
    echo "$flags" >"$dir/flags"
    if [ -n "$tz" ]; then echo "$tz" >"$dir/tz"; else rm -f "$dir/tz"; fi
    # A fresh cluster each start: old work dirs (and persistence) would bring back old caches.
    rm -rf "$dir"/node-*
    ((ssl)) && make_certs
    echo "$nodes" >"$dir/count"
    # The first node alone first: the others join a running ring faster than they form one.
    launch_node 1
    wait_ready 1 || { stop_all; die "node 1 failed to start (log: $dir/node-1.log)"; }
    for ((i = 2; i <= nodes; i++)); do launch_node "$i"; done
    ids=(); for ((i = 2; i <= nodes; i++)); do ids+=("$i"); done
    if ((${#ids[@]})); then wait_ready "${ids[@]}" || { stop_all; die "nodes failed to start (logs: $dir/node-*.log)"; }; fi
    verify "$nodes" || { stop_all; die "the cluster did not come up (logs: $dir/node-*.log)"; }
    for ((i = 1; i <= nodes; i++)); do echo "node $i: pid $(cat "$dir/node-$i.pid"), thin client port $((base + i - 1))"; done
    ((ssl)) && print_certs
    echo "cluster up: $nodes nodes on 127.0.0.1:$base..$((base + nodes - 1))$flags"
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    stop_all
    echo "cluster on base port $base stopped"
    ;;
  status)
    n=$(count_nodes) up=0
    ((n > 0)) || { echo "no cluster on base port $base"; exit 3; }
    for ((i = 1; i <= n; i++)); do
      if alive "$i"; then up=$((up + 1)); s=alive; else s=down; fi
      echo "node $i: port $((base + i - 1)) pid $(cat "$dir/node-$i.pid" 2>/dev/null || echo -) $s"
    done
    ((up == n)) && exit 0
    ((up == 0)) && exit 3
    exit 1
    ;;
  kill)
    [ -n "$node" ] || die "kill needs --node I"
    alive "$node" || die "node $node is not running"
    kill -KILL "$(cat "$dir/node-$node.pid")"
    while alive "$node"; do sleep 0.1; done
    echo "node $node killed"
    ;;
  restart)
    [ -n "$node" ] || die "restart needs --node I"
    alive "$node" && die "node $node is still running"
    prepare
    launch_node "$node"
    wait_ready "$node" || die "node $node failed to restart"
    verify "$(count_nodes)" || die "node $node restarted but the topology is incomplete"
    echo "node $node restarted on port $((base + node - 1))"
    ;;
  add-node)
    n=$(($(count_nodes) + 1))
    ((n <= 4)) || die "at most 4 nodes"
    prepare
    echo "$n" >"$dir/count"
    launch_node "$n"
    wait_ready "$n" || die "node $n failed to start"
    verify "$n" || die "node $n started but the topology is incomplete"
    echo "node $n added on port $((base + n - 1))"
    ;;
  certs)
    [ -f "$dir/certs/ca.pem" ] || die "no certificates for base port $base (start it with --ssl)"
    print_certs ;;
  *)
    sed -n '2,9p' "$0"; exit 2 ;;
esac
