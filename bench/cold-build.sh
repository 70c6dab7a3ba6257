#!/usr/bin/env bash
# Cold release builds (empty target folder, dependencies already downloaded) of mtlsctl with
# two link-time optimisation settings, and what each setting buys at run time. Writes
# bench/cold-build.tsv, which bench/render.py puts into docs/performance.md.
#
#   bench/cold-build.sh      # two cold builds of a few minutes each, then hyperfine runs
#
# Run it on a quiet machine: wall time is what a user waits for on their first
# `cargo run --release`; CPU time (user + sys) is also recorded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
command -v hyperfine >/dev/null 2>&1 || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null
}
cargo fetch --locked -q
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TSV=$ROOT/bench/cold-build.tsv
printf 'setting\twall_s\tcpu_s\tbinary_bytes\tversion_ms\tski_ms\tcreate_p256_ms\n' > "$TSV.new"

build() { # name, then env assignments for cargo
  local name=$1; shift
  local dir=$WORK/$name
  /usr/bin/time -f '%e %U %S' -o "$WORK/$name.time" env "$@" \
    cargo build --release --locked -q --target-dir "$dir" >/dev/null
  read -r wall user sys < "$WORK/$name.time"
  cp "$dir/release/mtlsctl" "$WORK/$name.bin"
  mkdir -p "$ROOT/bench/out" && cp "$dir/release/mtlsctl" "$ROOT/bench/out/mtlsctl-$name"
  rm -rf "$dir"
  echo "$name $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')" >> "$WORK/builds"
}

# The profile in Cargo.toml ([profile.release]) and the other setting, by environment.
build release-profile
if grep -q '^lto = "fat"' Cargo.toml; then
  build thin CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
else
  build fat CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
fi

cd "$WORK"
"$WORK/release-profile.bin" -q --store "$WORK/s" cert create --cn one >/dev/null
cp "$WORK/builds" "$ROOT/bench/out/cold-builds.txt"
while read -r name wall cpu; do
  bin=$WORK/$name.bin
  hyperfine -N --style none --warmup 5 --runs 30 --export-json "$WORK/$name.json" \
    -n version "$bin --version" -n ski "$bin ski one.crt" \
    -n create "bash -c 'd=\$(mktemp -d); $bin -q --store \$d/s cert create --cn c --out \$d/c.crt >/dev/null; rm -rf \$d'" \
    >/dev/null
  medians=$(python3 -c 'import json,sys; r={x["command"]: x["median"]*1000 for x in json.load(open(sys.argv[1]))["results"]}; print("\t".join(f"{r[k]:.2f}" for k in ("version","ski","create")))' "$WORK/$name.json")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "$cpu" "$(stat -c %s "$bin")" "$medians" >> "$TSV.new"
done < "$WORK/builds"
mv "$TSV.new" "$TSV"
cat "$TSV"
