#!/usr/bin/env bash
# Installs everything Kindling needs to build and test, idempotently; a second run that finds all
# of it present takes about a second.
#   - Debian packages: compilers, Boost 1.81 (Asio), OpenSSL 3, unixODBC (headers, driver manager,
#     odbcinst, isql), GoogleTest, clang + its runtime (libFuzzer, sanitizers), Java 17 and Maven,
#     and the ODBC clients of the e2e tests: R with RODBC, Perl DBI with DBD::ODBC, isql/iusql,
#     LibreOffice Base headless with python3-uno (run with Debian's /usr/bin/python3)
#   - a Python virtualenv with pytest, pyodbc, pandas, SQLAlchemy and Kindling's SQLAlchemy dialect
#     (python/, installed editable; the machine's python3 may not be Debian's, so Debian's python3-*
#     packages would not reach it)
#   - the Ignite server jars from Maven Central (tests/cluster resolves them into ~/.m2)
# Usage: installer/install-deps.sh [--no-python] [--no-maven]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
venv=${KINDLING_VENV:-$HOME/.cache/kindling/venv}
want_python=1
want_maven=1
for arg in "$@"; do
  case "$arg" in
    --no-python) want_python=0 ;;
    --no-maven) want_maven=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install-deps.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

log() { printf '[install-deps] %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------
apt_packages=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libssl-dev openssl
  unixodbc unixodbc-dev odbcinst
  libgtest-dev googletest
  clang libclang-rt-14-dev
  openjdk-17-jdk-headless maven
  python3-venv procps iproute2 tzdata
  r-base-core r-cran-rodbc libdbd-odbc-perl
  libreoffice-base python3-uno
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Java and Maven may come from outside Debian (e.g. a Temurin JDK on PATH): accept those.
if command -v java >/dev/null && java -version 2>&1 | grep -q 'version "17'; then
  missing=("${missing[@]/openjdk-17-jdk-headless}")
fi
command -v mvn >/dev/null && missing=("${missing[@]/maven}")
# python3-venv only matters for Debian's own python3.
if python3 -c 'import venv, ensurepip' 2>/dev/null; then missing=("${missing[@]/python3-venv}"); fi
read -r -a missing <<<"${missing[*]:-}"
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages: all present"
fi

# --- Python virtualenv -----------------------------------------------------------------------
if ((want_python)); then
  py_req="$root/tests/e2e/requirements.txt"
  stamp="$venv/.kindling-requirements"
  # The stamp: the requirements plus the dialect's project file (python/ is installed editable,
  # so its code is always current; a changed pyproject.toml (entry points, deps) reinstalls).
  want_stamp=$(cat "$py_req" "$root/python/pyproject.toml")
  if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ]; then
    log "Python virtualenv: up to date ($venv)"
  else
    log "Python virtualenv: creating/updating $venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$venv/bin/python" -m pip install -q -r "$py_req"
    "$venv/bin/python" -m pip install -q -e "$root/python"
    printf '%s' "$want_stamp" >"$stamp"
  fi
fi

# --- Ignite server jars (Maven Central) -------------------------------------------------------
if ((want_maven)); then
  if [ -x "$root/tests/cluster/cluster.sh" ] && grep -q -- "prepare" "$root/tests/cluster/cluster.sh"; then
    "$root/tests/cluster/cluster.sh" prepare
  elif [ -f "$root/tests/cluster/pom.xml" ]; then
    log "resolving Ignite jars with Maven"
    (cd "$root/tests/cluster" && mvn -q -B dependency:resolve >/dev/null)
  fi
fi
log "done"
