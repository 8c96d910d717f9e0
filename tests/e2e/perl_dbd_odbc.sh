#!/usr/bin/env bash
# Perl DBI + DBD::ODBC (Debian libdbd-odbc-perl) against DSN KindlingTest: placeholders, fetches,
# non-ASCII CHAR(n)/VARCHAR(n) text without truncation, and the catalog; see
# tests/e2e/perl/dbd_odbc_session.pl (a Test::More script: TAP output, non-zero exit on failure).
set -euo pipefail
: "${KINDLING_SOURCE_DIR:?run through ctest}"
perl -MDBD::ODBC -e 1 2>/dev/null || { echo "DBD::ODBC missing: run installer/install-deps.sh"; exit 1; }
export LC_ALL=C.UTF-8 LANG=C.UTF-8
status=0
timeout 120 perl "$KINDLING_SOURCE_DIR/tests/e2e/perl/dbd_odbc_session.pl" || status=$?
if [ "$status" -ne 0 ]; then
  # The script drops its tables at its end; after a failure, drop them here.
  for table in PERL_DBD_TEXT PERLXDBDXTEXT PERL_DBD_TYPES; do
    echo "DROP TABLE IF EXISTS $table" | isql -b KindlingTest >/dev/null 2>&1 || true
  done
fi
exit "$status"
