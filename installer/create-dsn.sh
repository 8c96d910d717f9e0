#!/usr/bin/env bash
# Defines an ODBC data source for the Kindling driver through odbcinst:
#   installer/create-dsn.sh NAME [--system] [--driver NAME] KEY=value...
#     NAME          the data source name (isql -v NAME, pyodbc.connect("DSN=NAME"))
#     --system      a system DSN (the odbc.ini of `odbcinst -j`, /etc: root); default a user DSN
#                   (~/.odbc.ini, or $ODBCINI)
#     --driver N    the registered driver name or a library path (default Kindling)
#     KEY=value     driver keys, e.g. ADDRESS=10.0.0.1:10800,10.0.0.2:10800 SCHEMA=PUBLIC; see
#                   installer/odbc.ini.sample for every key with its default and meaning
# Unknown keys are refused (the list is printed); an existing DSN of that name is replaced.
# Example: installer/create-dsn.sh IgniteProd ADDRESS=ignite1:10800,ignite2:10800 USER=app PASSWORD=secret
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage() { sed -n '2,13p' "$0"; }
name="" scope=-h driver=Kindling pairs=()
while (($#)); do
  case "$1" in
    --system) scope=-l ;;
    --user) scope=-h ;;
    --driver) driver=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "create-dsn.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *=*) pairs+=("$1") ;;
    *) [ -z "$name" ] || { echo "create-dsn.sh: one NAME only ('$name', then '$1'); keys are KEY=value" >&2; exit 2; }
       name=$1 ;;
  esac
  shift
done
[ -n "$name" ] || { usage >&2; exit 2; }
[[ "$name" =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "create-dsn.sh: '$name' is not a usable DSN name (letters, digits, _ . -)" >&2; exit 2; }
command -v odbcinst >/dev/null || { echo "create-dsn.sh: odbcinst not found (Debian: apt-get install odbcinst unixodbc)" >&2; exit 1; }

# The driver's keys: from odbc.ini.sample, which installer/odbc-keys.py generates from the
# driver's own key table (a test keeps them equal). Installed copies look in share/kindling.
sample=""
for cand in "$here/odbc.ini.sample" "$here/../share/kindling/odbc.ini.sample" /usr/share/kindling/odbc.ini.sample \
            /usr/local/share/kindling/odbc.ini.sample; do
  [ -f "$cand" ] && { sample=$cand; break; }
done
[ -n "$sample" ] || { echo "create-dsn.sh: odbc.ini.sample (the driver's key list) not found next to this script" >&2; exit 1; }
mapfile -t keys < <(sed -n 's/^;\{0,1\}\([A-Z_][A-Z_0-9]*\)=.*/\1/p' "$sample")
# Keys that belong in a connection string, never in a DSN.
not_in_dsn=" DSN FILEDSN SAVEFILE "

body=()
for pair in "${pairs[@]}"; do
  key=${pair%%=*} value=${pair#*=}
  ukey=$(printf '%s' "$key" | tr '[:lower:]' '[:upper:]')
  known=0
  for k in "${keys[@]}"; do [ "$k" = "$ukey" ] && known=1; done
  if ((!known)) || [[ "$not_in_dsn" == *" $ukey "* ]]; then
    echo "create-dsn.sh: unknown DSN key '$key'. The driver's keys:" >&2
    for k in "${keys[@]}"; do [[ "$not_in_dsn" == *" $k "* ]] || printf '  %s\n' "$k" >&2; done
    echo "(meanings and defaults: $sample)" >&2
    exit 2
  fi
  [[ "$value" == *$'\n'* ]] && { echo "create-dsn.sh: the value of $key has a line break" >&2; exit 2; }
  if [ "$ukey" = DRIVER ]; then driver=$value; continue; fi
  body+=("$ukey=$value")
done

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
  echo "[$name]"
  echo "Driver=$driver"
  printf '%s\n' "${body[@]}"
} >"$tmp"
odbcinst -u -s "$scope" -n "$name" >/dev/null 2>&1 || true   # replace an existing one
odbcinst -i -s "$scope" -f "$tmp" >/dev/null
echo "defined $([ "$scope" = -l ] && echo system || echo user) DSN '$name':"
odbcinst -q -s "$scope" -n "$name"
