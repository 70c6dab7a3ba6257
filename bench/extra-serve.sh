#!/usr/bin/env bash
# `mtlsctl serve` vs nginx for bench/compare.sh: runs bench/serve.sh and appends its section to
# $OUT/extra.md (compare.sh runs the extras in name order; it empties bench/out first). Called
# with OUT and QUICK.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${QUICK:-}" ]; then export BENCH_SECONDS=3 BENCH_ROUNDS=1; fi
OUT=$OUT STANDALONE=0 bash "$ROOT/bench/serve.sh" >/dev/null
cat "$OUT/serve.md" >> "$OUT/extra.md"
