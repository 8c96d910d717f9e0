#!/usr/bin/env bash
# Registers the Kindling ODBC driver with unixODBC (odbcinst.ini, through odbcinst) after a source
# install, or for a build tree:
#   installer/register-driver.sh [--prefix P] [--driver PATH] [--name NAME]
#     --prefix P     the install prefix of `cmake --install` (default /usr/local): P/lib/libkindling-odbc.so
#     --driver PATH  the library itself (e.g. build/ci/lib/libkindling-odbc.so), instead of --prefix
#     --name NAME    the driver's name in odbcinst.ini (default Kindling)
# Idempotent: the same path registered again changes nothing; another path replaces the entry.
# odbcinst writes the odbcinst.ini that `odbcinst -j` names (/etc: run as root), or
# $ODBCSYSINI/$ODBCINSTINI when those are set. Undo: installer/unregister-driver.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prefix=${KINDLING_PREFIX:-/usr/local} driver="" name=Kindling
while (($#)); do
  case "$1" in
    --prefix) prefix=$2; shift ;;
    --driver) driver=$2; shift ;;
    --name) name=$2; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "register-driver.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
command -v odbcinst >/dev/null || { echo "register-driver.sh: odbcinst not found (Debian: apt-get install odbcinst unixodbc)" >&2; exit 1; }
if [ -z "$driver" ]; then
  for cand in "$prefix/lib/libkindling-odbc.so" "$prefix"/lib/*/libkindling-odbc.so "$prefix/lib64/libkindling-odbc.so"; do
    [ -f "$cand" ] && { driver=$cand; break; }
  done
  [ -n "$driver" ] || { echo "register-driver.sh: no libkindling-odbc.so under $prefix/lib (install first, or give --driver PATH)" >&2; exit 1; }
fi
[ -f "$driver" ] || { echo "register-driver.sh: $driver does not exist" >&2; exit 1; }
driver=$(cd "$(dirname "$driver")" && pwd)/$(basename "$driver")

current=$(odbcinst -q -d -n "$name" 2>/dev/null | sed -n 's/^Driver[[:space:]]*=[[:space:]]*//Ip' | head -1 || true)
if [ "$current" = "$driver" ]; then
  echo "ODBC driver '$name' is already registered: $driver"
  exit 0
fi
if [ -n "$current" ]; then
  # Another library under this name: remove the entry (every usage), then register this one.
  for _ in $(seq 50); do
    odbcinst -q -d -n "$name" >/dev/null 2>&1 || break
    odbcinst -u -d -n "$name" >/dev/null 2>&1 || break
  done
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed -e "s#@DRIVER_PATH@#$driver#g" -e "s#^\[Kindling\]#[$name]#" "$here/odbc/odbcinst.ini.in" >"$tmp"
odbcinst -i -d -f "$tmp" >/dev/null
echo "registered ODBC driver '$name': $driver"
odbcinst -q -d -n "$name"
