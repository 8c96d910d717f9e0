#!/usr/bin/env bash
# The Java side of cross-checks (Java thin client): java-helper.sh [--port P]... [--user U --password W]
#   [--ssl-key-store F --ssl-trust-store F] nodes | activate | wait-nodes N SECONDS | sql "<sql>"
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$here/cluster.sh" prepare
opens=()
for m in java.base/jdk.internal.access java.base/jdk.internal.misc java.base/sun.nio.ch java.base/java.nio \
         java.base/java.util java.base/java.lang java.base/java.lang.reflect java.base/java.io java.base/java.math \
         java.base/java.util.concurrent java.base/java.time java.sql/java.sql; do
  opens+=("--add-opens=$m=ALL-UNNAMED")
done
exec java "${opens[@]}" -Xmx256m -DIGNITE_QUIET=true -cp "$here/target/kindling-test-cluster-1.jar:$here/target/lib/*" \
  io.kindling.cluster.JavaHelper "$@"
