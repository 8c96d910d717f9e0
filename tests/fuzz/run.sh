#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each on its seed corpus.
# Usage: tests/fuzz/run.sh [--seconds N | --runs N]   (default: --seconds 30 per target)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
limit=(-max_total_time=30)
while (($#)); do
  case "$1" in
    --seconds) limit=(-max_total_time="$2"); shift ;;
    --runs) limit=(-runs="$2"); shift ;;
    *) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" --target value_fuzz frame_fuzz sql_page_fuzz
status=0
for t in value_fuzz frame_fuzz sql_page_fuzz; do
  corpus="tests/fuzz/corpus/${t%_fuzz}"
  work=$(mktemp -d)
  cp -r "$corpus"/. "$work"/ 2>/dev/null || true
  echo "== $t ${limit[*]}"
  if ! ASAN_OPTIONS=detect_leaks=1 "build/fuzz/tests/fuzz/$t" "${limit[@]}" -rss_limit_mb=2048 -max_len=4096 \
      -print_final_stats=1 "$work" 2>"build/fuzz/$t.log"; then
    status=1
    tail -n 40 "build/fuzz/$t.log"
  fi
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "build/fuzz/$t.log" | tail -2
  rm -rf "$work"
done
exit $status
