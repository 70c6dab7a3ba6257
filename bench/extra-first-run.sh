#!/usr/bin/env bash
# The first run (a store CA and a client certificate, P-256, from nothing) against
# rustls-cert-gen, the process alone, for bench/compare.sh: bench/first-run.py on this
# machine's disk (the temporary folder's filesystem) and on tmpfs (/dev/shm, where fsync costs
# nothing), then the analysis kept in bench/first-run-notes.md. Appends to $OUT/extra.md.
# Called by compare.sh with M, OUT and QUICK set.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=40
if [ -n "${QUICK:-}" ]; then ROUNDS=10; fi
{
  echo "### CA + client certificate from nothing: mtlsctl vs rustls-cert-gen, the process alone"
  echo
  echo "\`bench/first-run.py\` ($(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1 /proc/loadavg)):"
  echo "\`mtlsctl -q --store D/s cert create --out D/c.crt\` vs \`rustls-cert-gen 0.2.0 -o D"
  echo "--ecdsa-p256 --client-auth\` (crates.io, default ring build), alternating round by round,"
  echo "each process started directly (no shell) in a fresh directory. Times include Python's"
  echo "fork and exec of the process (\`/bin/true\` measures about 0.75 ms the same way)."
  echo
  echo "On this machine's disk (ext4):"
  echo
  python3 "$ROOT/bench/first-run.py" "$ROUNDS" "mtlsctl=$M" | tail -n +2
  echo
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    echo "On tmpfs (\`TMPDIR=/dev/shm\`, no fsync cost: what is not durability):"
    echo
    TMPDIR=/dev/shm python3 "$ROOT/bench/first-run.py" "$ROUNDS" "mtlsctl=$M" | tail -n +2
    echo
  fi
  cat "$ROOT/bench/first-run-notes.md"
  echo
} >> "$OUT/extra.md"
