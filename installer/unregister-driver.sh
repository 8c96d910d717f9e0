#!/usr/bin/env bash
# Removes the Kindling ODBC driver's registration from unixODBC (odbcinst.ini, through odbcinst):
#   installer/unregister-driver.sh [--name NAME] [--keep-other-users]
#     --name NAME          the driver's name in odbcinst.ini (default Kindling)
#     --keep-other-users   only give back one usage (odbcinst's UsageCount, e.g. when a package
#                          registered it too); default: remove the entry
# Data sources that name the driver stay in odbc.ini (remove them with odbcinst -u -s -n DSN).
set -euo pipefail
name=Kindling all=1
while (($#)); do
  case "$1" in
    --name) name=$2; shift ;;
    --keep-other-users) all=0 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unregister-driver.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
command -v odbcinst >/dev/null || { echo "unregister-driver.sh: odbcinst not found" >&2; exit 1; }
if ! odbcinst -q -d -n "$name" >/dev/null 2>&1; then
  echo "ODBC driver '$name' is not registered"
  exit 0
fi
for _ in $(seq 50); do
  odbcinst -u -d -n "$name" >/dev/null 2>&1 || break
  ((all)) || break
  odbcinst -q -d -n "$name" >/dev/null 2>&1 || break
done
if odbcinst -q -d -n "$name" >/dev/null 2>&1; then
  echo "ODBC driver '$name': one usage removed, still registered ($(odbcinst -q -d -n "$name" | grep -i '^UsageCount' || echo 'UsageCount ?'))"
else
  echo "ODBC driver '$name' unregistered"
fi
