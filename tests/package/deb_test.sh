#!/usr/bin/env bash
# The packages of installer/package.sh, built with CPack from this build tree and installed into a
# scratch root (dpkg -x, then the package's own postinst/prerm with DPKG_ROOT and a scratch
# ODBCSYSINI, so the machine's /etc/odbcinst.ini is never touched):
#   - the three files exist, named <name>_<ver>_<arch>.deb and kindling-<ver>-linux-<arch>.tar.gz;
#   - kindling-odbc depends only on what the driver links (and odbcinst, which its scripts run), the
#     driver needs only system libraries and exports only SQL* functions;
#   - postinst makes `odbcinst -q -d` list Kindling, isql runs a query through it, prerm removes it;
#     the usage count is respected (a registration made by someone else survives the removal);
#   - libkindling-dev: an outside program built with `pkg-config --cflags --libs kindling-kvapi`, and
#     one with find_package(Kindling) (no Boost visible), run a put/get against the test cluster.
# Usage: deb_test.sh BUILD_DIR CONSUMER_SOURCE_DIR WORK_DIR VERSION
set -euo pipefail
build=$1 consumer=$2 work=$3 version=$4
host=${KINDLING_TEST_HOST:-127.0.0.1}
port=${KINDLING_TEST_PORT:-10900}
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

rm -rf "$work"
mkdir -p "$work/out" "$work/root" "$work/etc" "$work/ctrl"
arch=$(dpkg --print-architecture)

step "cpack (DEB, TGZ)"
cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
odbc_deb=$work/out/kindling-odbc_${version}_${arch}.deb
dev_deb=$work/out/libkindling-dev_${version}_${arch}.deb
tarball=$work/out/kindling-${version}-linux-${arch}.tar.gz
for f in "$odbc_deb" "$dev_deb" "$tarball"; do
  [ -f "$f" ] || { ls -l "$work/out"; fail "missing $(basename "$f")"; }
  echo "$(basename "$f"): $(du -k "$f" | cut -f1) KiB"
done
# Exactly these three packages (an install rule without a component must not make a fourth).
n=$(find "$work/out" -maxdepth 1 \( -name '*.deb' -o -name '*.tar.gz' \) | wc -l)
[ "$n" = 3 ] || { ls -l "$work/out"; fail "expected 3 packages, found $n"; }

step "kindling-odbc: Depends"
depends=$(dpkg-deb --field "$odbc_deb" Depends)
echo "Depends: $depends"
allowed='^(libc6|libgcc-s1|libstdc\+\+6|libssl3|libodbcinst2|odbcinst)$'
for dep in $(echo "$depends" | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g'); do
  [[ $dep =~ $allowed ]] || fail "kindling-odbc depends on $dep, which the driver does not link"
done
for dep in libssl3 libodbcinst2 odbcinst; do
  echo "$depends" | tr ',' '\n' | grep -q "^ *$dep\b" || fail "kindling-odbc does not depend on $dep"
done
dpkg-deb --contents "$odbc_deb" | grep -q '/include/' && fail "kindling-odbc ships headers"

step "kindling-odbc: the driver links only system libraries, exports only SQL*"
dpkg -x "$odbc_deb" "$work/root"
driver=$(find "$work/root" -name libkindling-odbc.so -print -quit)
[ -n "$driver" ] || fail "no libkindling-odbc.so in kindling-odbc"
objdump -p "$driver" | awk '/NEEDED/ {print $2}' >"$work/needed"
echo "NEEDED: $(tr '\n' ' ' <"$work/needed")"
while read -r lib; do
  [[ $lib =~ ^(libc|libm|libstdc\+\+|libgcc_s|libssl|libcrypto|libodbcinst|ld-linux-x86-64|ld-linux-aarch64)\.so ]] ||
    fail "the driver needs $lib, which is not a system library"
done <"$work/needed"
ldd "$driver" | grep -q "not found" && { ldd "$driver"; fail "unresolved libraries"; }
others=$(nm -D --defined-only "$driver" | awk '{print $NF}' | grep -v '^SQL' || true)
[ -z "$others" ] || fail "the packaged driver exports non-ODBC symbols: $(echo "$others" | head -5 | tr '\n' ' ')"
echo "exports: $(nm -D --defined-only "$driver" | wc -l) symbols, all SQL*"

step "kindling-odbc: postinst registers, prerm unregisters (scratch ODBCSYSINI)"
dpkg-deb -e "$odbc_deb" "$work/ctrl"
export ODBCSYSINI=$work/etc ODBCINSTINI=odbcinst.ini ODBCINI=$work/etc/odbc.ini
: >"$work/etc/odbcinst.ini"
: >"$work/etc/odbc.ini"
export DPKG_ROOT=$work/root
listed() { odbcinst -q -d 2>/dev/null | grep -qx '\[Kindling\]'; }
usage_count() { odbcinst -q -d -n Kindling 2>/dev/null | sed -n 's/^UsageCount=//p'; }
listed && fail "Kindling is registered before the installation"
"$work/ctrl/postinst" configure
listed || { cat "$work/etc/odbcinst.ini"; fail "odbcinst -q -d does not list Kindling after postinst"; }
odbcinst -q -d -n Kindling | grep -qx "Driver=$driver" || { cat "$work/etc/odbcinst.ini"; fail "Driver= is not the installed driver"; }
echo "registered: $(odbcinst -q -d -n Kindling | tr '\n' ' ')"

step "isql through a DSN made by the packaged create-dsn.sh ($host:$port)"
create_dsn=$work/root/usr/share/kindling/create-dsn.sh
[ -x "$create_dsn" ] || fail "the package has no share/kindling/create-dsn.sh"
"$create_dsn" KindlingPkgTest ADDRESS="$host:$port" SCHEMA=PUBLIC >/dev/null || fail "create-dsn.sh failed"
"$create_dsn" KindlingPkgTest NO_SUCH_KEY=1 >/dev/null 2>&1 && fail "create-dsn.sh accepted an unknown key"
grep -q '^\[KindlingPkgTest\]' "$work/etc/odbc.ini" || { cat "$work/etc/odbc.ini"; fail "create-dsn.sh wrote no DSN to \$ODBCINI"; }
out=$(echo "SELECT 40 + 2" | isql -b -v KindlingPkgTest 2>&1) || { echo "$out"; fail "isql through the packaged driver"; }
echo "$out" | grep -q '42' || { echo "$out"; fail "isql did not return 42"; }
: >"$work/etc/odbc.ini"

# An upgrade: the old prerm unregisters, the new postinst registers again: still one count.
"$work/ctrl/prerm" upgrade "$version"
"$work/ctrl/postinst" configure "$version"
[ "$(usage_count)" = 1 ] || { cat "$work/etc/odbcinst.ini"; fail "usage count $(usage_count) after an upgrade, expected 1"; }
"$work/ctrl/prerm" remove
listed && { cat "$work/etc/odbcinst.ini"; fail "Kindling is still registered after prerm remove"; }

# Someone else registered Kindling too (a source install): the package adds one and removes one.
printf '[Kindling]\nDriver=/usr/local/lib/libkindling-odbc.so\n' >"$work/other.ini"
odbcinst -i -d -f "$work/other.ini" >/dev/null
"$work/ctrl/postinst" configure
[ "$(usage_count)" = 2 ] || { cat "$work/etc/odbcinst.ini"; fail "usage count $(usage_count) with two registrations, expected 2"; }
"$work/ctrl/prerm" remove
listed || fail "the package's removal took another installation's registration along"
[ "$(usage_count)" = 1 ] || fail "usage count $(usage_count) after the removal, expected 1"
odbcinst -u -d -n Kindling >/dev/null
listed && fail "Kindling still registered"
unset DPKG_ROOT

step "libkindling-dev: contents"
dev_root=$work/dev-root
mkdir -p "$dev_root"
dpkg -x "$dev_deb" "$dev_root"
for f in include/kindling/kvapi/client.hpp include/kindling/protocol/version.hpp; do
  [ -f "$dev_root/usr/$f" ] || fail "libkindling-dev lacks /usr/$f"
done
for pattern in libkindling-kvapi.a libkindling-net.a libkindling-protocol.a KindlingConfig.cmake KindlingTargets.cmake kindling-kvapi.pc; do
  [ -n "$(find "$dev_root" -name "$pattern" -print -quit)" ] || fail "libkindling-dev lacks $pattern"
done
[ -z "$(find "$dev_root" -name 'libkindling-odbc*' -print -quit)" ] || fail "libkindling-dev ships the driver"
grep -q "\"$version\"" "$dev_root/usr/include/kindling/protocol/version.hpp" || fail "version.hpp does not say $version"
echo "Depends: $(dpkg-deb --field "$dev_deb" Depends)"
dpkg-deb --field "$dev_deb" Depends | grep -qi boost && fail "libkindling-dev depends on Boost"

step "an outside program built with pkg-config --cflags --libs kindling-kvapi"
pc=$(find "$dev_root" -name kindling-kvapi.pc -print -quit)
export PKG_CONFIG_PATH=$(dirname "$pc")
[ "$(pkg-config --modversion kindling-kvapi)" = "$version" ] || fail "pkg-config --modversion: $(pkg-config --modversion kindling-kvapi)"
flags=$(pkg-config --cflags --libs kindling-kvapi)
echo "pkg-config --cflags --libs kindling-kvapi: $flags"
# shellcheck disable=SC2086
${CXX:-c++} -std=c++20 -O1 -o "$work/pc_consumer" "$consumer/main.cpp" $flags || fail "building with pkg-config's flags"
"$work/pc_consumer" "$host" "$port" "kindling_pkg_pkgconfig_$$_$RANDOM" || fail "the pkg-config consumer's put/get"

step "an outside project with find_package(Kindling) from the .deb, no Boost visible"
cmake -S "$consumer" -B "$work/cmake-consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$dev_root/usr" -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON >"$work/cmake-consumer.log" 2>&1 ||
  { cat "$work/cmake-consumer.log"; fail "configuring the find_package consumer"; }
cmake --build "$work/cmake-consumer" >>"$work/cmake-consumer.log" 2>&1 ||
  { cat "$work/cmake-consumer.log"; fail "building the find_package consumer"; }
"$work/cmake-consumer/consumer" "$host" "$port" "kindling_pkg_deb_cmake_$$_$RANDOM" || fail "the find_package consumer's put/get"

step "the tarball holds the same"
tar tzf "$tarball" >"$work/tarball.list"
for pattern in 'libkindling-odbc\.so$' 'include/kindling/kvapi/client\.hpp$' 'libkindling-kvapi\.a$' 'KindlingConfig\.cmake$' \
               'kindling-kvapi\.pc$' 'share/kindling/odbcinst\.ini\.in$'; do
  grep -q "$pattern" "$work/tarball.list" || fail "the tarball lacks $pattern"
done
echo "PASS"
