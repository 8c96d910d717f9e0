#!/usr/bin/env bash
# R's RODBC (Debian r-cran-rodbc) against DSN KindlingTest: tests/e2e/r/rodbc_session.R writes and
# reads non-ASCII CHAR(5)/VARCHAR(10) text and checks the catalog; then pyodbc (the wide-character
# API) reads the same rows and must see exactly what RODBC (the ANSI API, UTF-8 bytes) saw.
set -euo pipefail
: "${KINDLING_SOURCE_DIR:?run through ctest}"
: "${KINDLING_PYTHON:?run through ctest}"
command -v Rscript >/dev/null || { echo "Rscript missing: run installer/install-deps.sh"; exit 1; }
Rscript -e 'library(RODBC)' >/dev/null 2>&1 || { echo "R package RODBC missing: run installer/install-deps.sh"; exit 1; }

export LC_ALL=C.UTF-8 LANG=C.UTF-8
work=$(mktemp -d)
cleanup() {
  "$KINDLING_PYTHON" - <<'EOF' || true
import pyodbc
cur = pyodbc.connect("DSN=KindlingTest", autocommit=True).cursor()
for table in ("RODBC_TEXT", "RODBCXTEXT"):
    cur.execute(f"DROP TABLE IF EXISTS {table}")
EOF
  rm -rf "$work"
}
trap cleanup EXIT

r_status=0
timeout 120 Rscript "$KINDLING_SOURCE_DIR/tests/e2e/r/rodbc_session.R" "$work/rodbc_read.tsv" || r_status=$?
[ -s "$work/rodbc_read.tsv" ] || { echo "rodbc_session.R stopped before reading the table back"; exit 1; }

# The cross-check (also after a failed R session): pyodbc binds SQL_C_WCHAR, so this compares the
# driver's two text encodings.
py_status=0
"$KINDLING_PYTHON" - "$work/rodbc_read.tsv" <<'EOF' || py_status=$?
import sys
import pyodbc

def from_hex(h):
    return None if h == "NA" else bytes.fromhex(h).decode("utf-8")

rodbc = {}
with open(sys.argv[1], encoding="ascii") as f:
    for line in f:
        ident, c5, v10 = line.rstrip("\n").split("\t")
        rodbc[int(ident)] = (from_hex(c5), from_hex(v10))
conn = pyodbc.connect("DSN=KindlingTest", autocommit=True)
rows = {r.ID: (r.C5, r.V10) for r in conn.cursor().execute("SELECT ID, C5, V10 FROM RODBC_TEXT")}
bad = [(k, rodbc.get(k), rows.get(k)) for k in sorted(set(rodbc) | set(rows)) if rodbc.get(k) != rows.get(k)]
for ident, r_val, py_val in bad:
    print(f"FAIL: ID {ident}: RODBC read {r_val!r}, pyodbc read {py_val!r}")
assert len(rows) >= 10, f"pyodbc saw only {len(rows)} rows"
print(f"pyodbc cross-check: {len(rows) - len(bad)} passed, {len(bad)} failed")
sys.exit(1 if bad else 0)
EOF
[ "$r_status" -eq 0 ] && [ "$py_status" -eq 0 ]
