#!/usr/bin/env bash
# LibreOffice Base, headless (Debian libreoffice-base + python3-uno, Debian's /usr/bin/python3):
# a Base data source on sdbc:odbc:KindlingTest through the unixODBC driver manager lists the tables,
# runs a statement and a prepared statement and reads every column type; see
# tests/e2e/libreoffice/base_session.py. LibreOffice starts once; its start-up time is printed.
set -euo pipefail
: "${KINDLING_SOURCE_DIR:?run through ctest}"
[ -x /usr/lib/libreoffice/program/soffice ] && /usr/bin/python3 -c 'import uno' 2>/dev/null || {
  echo "LibreOffice Base / python3-uno missing: run installer/install-deps.sh"; exit 1; }
export LC_ALL=C.UTF-8 LANG=C.UTF-8
status=0
timeout 300 /usr/bin/python3 "$KINDLING_SOURCE_DIR/tests/e2e/libreoffice/base_session.py" || status=$?
if [ "$status" -ne 0 ]; then
  echo "DROP TABLE IF EXISTS E2E_LO_TYPES" | isql -b KindlingTest >/dev/null 2>&1 || true
fi
exit "$status"
