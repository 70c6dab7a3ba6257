#!/usr/bin/env bash
# Measures mtlsctl against the tools users would pick instead, in one run on this machine,
# and regenerates docs/performance.md from the numbers.
#
#   bench/compare.sh            # everything (a few minutes on 2 cores)
#   QUICK=1 bench/compare.sh    # fewer runs, for a smoke test
#
# Needs: cargo, python3; installs openssl, mkcert, golang-cfssl, hyperfine from Debian if
# missing. Raw hyperfine JSON goes to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt "$OUT"/*.md

need=()
for pair in openssl:openssl mkcert:mkcert cfssl:golang-cfssl hyperfine:hyperfine; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# rustls-cert-gen (rcgen's CLI, the closest peer in Rust) from crates.io, into bench/tools.
# Its default (ring) build cannot make RSA keys, so it takes part in the P-256 runs only.
RCG=$ROOT/bench/tools/bin/rustls-cert-gen
[ -x "$RCG" ] || cargo install --locked -q rustls-cert-gen --version 0.2.0 --root "$ROOT/bench/tools"

cargo build --release --locked -q
M=$ROOT/target/release/mtlsctl
if [ -n "${QUICK:-}" ]; then RUNS=5; RUNS_BIG=2; else RUNS=30; RUNS_BIG=5; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export MTLSCTL_STORE=$WORK/store

hf() { # name, then hyperfine args
  local name=$1; shift
  hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$OUT/$name.json" "$@" >/dev/null 2>&1 ||
    hyperfine --style none --warmup 3 --runs "$RUNS" --export-json "$OUT/$name.json" "$@" >/dev/null
}

# --- fixtures: a CA, one client, 1,000 clients -------------------------------------------
$M -q cert create --ca >/dev/null
$M -q cert create --cn one >/dev/null
mkdir many && (cd many && $M -q cert create --cn dev --count 1000 >/dev/null)
PIPE="openssl x509 -noout -ext authorityKeyIdentifier -in one.crt | tail -n1 | tr -d ': '"
[ "$($M ski one.crt)" = "$(bash -c "$PIPE")" ] || { echo "ski and pipeline disagree" >&2; exit 1; }

# --- ski: one file, and 1,000 files ----------------------------------------------------------
# The pipeline runs as `bash -c` (about 1 ms of its time is bash starting).
hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$OUT/ski_one.json" \
  -n mtlsctl "$M ski one.crt" -n openssl-pipeline "bash -c \"$PIPE\"" >/dev/null
hyperfine -N --style none --warmup 1 --runs "$RUNS_BIG" --export-json "$OUT/ski_1000.json" \
  -n mtlsctl "bash -c '$M ski many/*.crt >/dev/null'" \
  -n openssl-pipeline "bash -c 'for f in many/*.crt; do openssl x509 -noout -ext authorityKeyIdentifier -in \$f | tail -n1 | tr -d \": \"; done'" >/dev/null

# --- CA + client certificate, P-256 and RSA 2048 -----------------------------------------
cat > "$WORK/openssl_ca_client.sh" <<'SH'
set -e; d=$(mktemp -d); cd "$d"; alg=$1
if [ "$alg" = rsa ]; then k=(-newkey rsa:2048); else k=(-newkey ec -pkeyopt ec_paramgen_curve:P-256); fi
openssl req -x509 "${k[@]}" -nodes -keyout ca.key -out ca.crt -subj /CN=ca -days 3650 2>/dev/null
openssl req -new "${k[@]}" -nodes -keyout c.key -out c.csr -subj /CN=client 2>/dev/null
printf 'extendedKeyUsage=clientAuth\nauthorityKeyIdentifier=keyid\n' > ext
openssl x509 -req -in c.csr -CA ca.crt -CAkey ca.key -days 365 -extfile ext -out c.crt 2>/dev/null
cd /; rm -rf "$d"
SH
cat > "$WORK/mtlsctl_ca_client.sh" <<SH
set -e; d=\$(mktemp -d); cd "\$d"
$M -q --store "\$d/s" cert create --key-type \$1 >/dev/null
cd /; rm -rf "\$d"
SH
cat > "$WORK/mkcert_ca_client.sh" <<'SH'
set -e; d=$(mktemp -d); cd "$d"
CAROOT=$d/ca TRUST_STORES=none mkcert $2 -client client >/dev/null 2>&1
cd /; rm -rf "$d"
SH
cat > "$WORK/cfssl_ca_client.sh" <<'SH'
set -e; d=$(mktemp -d); cd "$d"; alg=$1
if [ "$alg" = rsa ]; then key='"key":{"algo":"rsa","size":2048}'; else key='"key":{"algo":"ecdsa","size":256}'; fi
echo "{\"CN\":\"ca\",$key}" > ca.json
echo "{\"CN\":\"client\",\"hosts\":[\"\"],$key}" > c.json
echo '{"signing":{"default":{"expiry":"8760h","usages":["digital signature","client auth"]}}}' > cfg.json
cfssl gencert -initca ca.json 2>/dev/null | python3 -c 'import json,sys;d=json.load(sys.stdin);open("ca.pem","w").write(d["cert"]);open("ca-key.pem","w").write(d["key"])'
cfssl gencert -ca ca.pem -ca-key ca-key.pem -config cfg.json c.json >/dev/null 2>&1
cd /; rm -rf "$d"
SH
cat > "$WORK/rcg_ca_client.sh" <<SH
set -e; d=\$(mktemp -d); cd "\$d"
$RCG -o "\$d" --\$1 --client-auth --common-name client >/dev/null
cd /; rm -rf "\$d"
SH
hf ca_client_p256 \
  -n mtlsctl "bash $WORK/mtlsctl_ca_client.sh p256" \
  -n rustls-cert-gen "bash $WORK/rcg_ca_client.sh ecdsa-p256" \
  -n mkcert "bash $WORK/mkcert_ca_client.sh p256 -ecdsa" \
  -n cfssl "bash $WORK/cfssl_ca_client.sh ec" \
  -n openssl "bash $WORK/openssl_ca_client.sh ec"
hf ca_client_rsa2048 \
  -n mtlsctl "bash $WORK/mtlsctl_ca_client.sh rsa2048" \
  -n mkcert "bash $WORK/mkcert_ca_client.sh rsa ''" \
  -n cfssl "bash $WORK/cfssl_ca_client.sh rsa" \
  -n openssl "bash $WORK/openssl_ca_client.sh rsa"

# --- 100 client certificates from one existing CA ---------------------------------------
mkdir -p fleet && cd fleet
CAROOT=$WORK/mkca TRUST_STORES=none mkcert -ecdsa -client warmup >/dev/null 2>&1
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt -subj /CN=ca -days 3650 2>/dev/null
printf 'extendedKeyUsage=clientAuth\nauthorityKeyIdentifier=keyid\n' > ext
hf fleet_100 \
  -n mtlsctl "bash -c 'rm -rf m && mkdir m && cd m && $M -q cert create --cn d --count 100 >/dev/null'" \
  -n mkcert "bash -c 'rm -rf k && mkdir k && cd k && for i in \$(seq 100); do CAROOT=$WORK/mkca TRUST_STORES=none mkcert -ecdsa -client d\$i >/dev/null 2>&1; done'" \
  -n openssl "bash -c 'rm -rf o && mkdir o && cd o && for i in \$(seq 100); do openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout \$i.key -out \$i.csr -subj /CN=d\$i 2>/dev/null; openssl x509 -req -in \$i.csr -CA ../ca.crt -CAkey ../ca.key -days 365 -extfile ../ext -out \$i.crt 2>/dev/null; done'"
cd "$WORK"

# --- start-up and memory -------------------------------------------------------------------
hf startup -n "mtlsctl --version" "$M --version" -n "mtlsctl ski" "$M ski one.crt"
{ /usr/bin/time -v "$M" --version >/dev/null; } 2> "$OUT/mem_version.txt" || true
{ /usr/bin/time -v "$M" ski one.crt >/dev/null; } 2> "$OUT/mem_ski.txt" || true

# --- optional sections added by later work (rules engine, rule test) -------------------------
for extra in "$ROOT"/bench/extra-*.sh; do
  [ -e "$extra" ] && M=$M OUT=$OUT WORK=$WORK RUNS=$RUNS QUICK=${QUICK:-} bash "$extra"
done

cd "$ROOT"
python3 bench/render.py "$OUT" > docs/performance.md
echo "wrote docs/performance.md" >&2
