#!/usr/bin/env bash
# Builds Kindling's packages with CPack (preset "package": Release, installed under /usr, no tests):
#   kindling-odbc_<ver>_<arch>.deb      the ODBC driver; its postinst registers "Kindling" with unixODBC
#   libkindling-dev_<ver>_<arch>.deb    kvapi headers, static libraries, CMake package, kindling-kvapi.pc
#   kindling-<ver>-linux-<arch>.tar.gz  both, for non-Debian systems
# Usage: ./installer/package.sh [--out DIR] [-j N]     (default DIR: build/packages)
# Needs what installer/install-deps.sh installs, plus dpkg-dev (dpkg-shlibdeps computes Depends).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=$root/build/packages
jobs=$(nproc)
while (($#)); do
  case "$1" in
    --out) out=$2; shift ;;
    -j) jobs=$2; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for tool in cmake cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "package.sh: $tool is missing (apt-get install cmake dpkg-dev)" >&2; exit 1; }
done

cmake --preset package >/dev/null
cmake --build --preset package -j "$jobs"
mkdir -p "$out"
cpack --config build/package/CPackConfig.cmake -B "$out" >/dev/null
rm -rf "$out/_CPack_Packages"
for f in "$out"/*.deb; do
  echo "$f"
  dpkg-deb --field "$f" Package Version Architecture Depends | sed 's/^/    /'
done
ls "$out"/*.tar.gz
