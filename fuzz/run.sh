#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds each (default 600), seeding the corpora from the
# sample stories and the test fixtures. Needs a nightly toolchain and cargo-fuzz:
#     cargo install cargo-fuzz
#     fuzz/run.sh 600 [target ...]
# Builds with debug assertions and overflow checks (-a). Crashes land in fuzz/artifacts/TARGET/;
# each one found is kept as a regression test in tests/fuzz_regressions/. Corpora (fuzz/corpus/)
# are not committed.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(analyze reanalyze edits config sources frames)

seed() { # seed TARGET PREFIX-BYTE FILE...
  local t=$1 b=$2; shift 2
  mkdir -p "corpus/$t"
  for f in "$@"; do
    { printf "\\x$b"; cat "$f"; } > "corpus/$t/seed-$b-$(basename "$f")"
  done
}
seed analyze 00 ../seeds/*.txt ../tests/fixtures/bib/story.txt
seed analyze 01 ../seeds/*.md ../tests/fixtures/*/story.md
seed reanalyze 00 ../seeds/*.txt
seed reanalyze 01 ../seeds/*.md
seed edits 00 ../seeds/harbor-strike.txt
seed edits 01 ../seeds/harbor-strike.txt
mkdir -p corpus/config && cp ../tests/fixtures/footnote/copydesk.toml corpus/config/
seed sources 00 ../tests/fixtures/*/sources.toml
seed sources 01 ../tests/fixtures/csl/refs.json
seed sources 02 ../tests/fixtures/bib/sources.bib
seed sources 03 ../tests/fixtures/toml/people.toml
mkdir -p corpus/frames && printf '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}' > corpus/frames/init

mkdir -p logs
status=0
for t in "${targets[@]}"; do
  echo "== $t: ${secs}s (log: fuzz/logs/$t.log)"
  if ! cargo +nightly fuzz run -O -a "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=8192 \
      -print_final_stats=1 >"logs/$t.log" 2>&1; then
    status=1
    grep -E "panicked|SUMMARY|Test unit written" "logs/$t.log" || true
  fi
  grep -E "^#[0-9]+" "logs/$t.log" | tail -1
  grep -E "stat::number_of_executed_units|stat::new_units_added" "logs/$t.log" || true
done
exit $status
