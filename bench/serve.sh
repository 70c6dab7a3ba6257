#!/usr/bin/env bash
# mtlsctl serve vs nginx (Debian package), side by side in one run on this machine: keep-alive
# requests per second and new mTLS handshakes per second, with a client certificate, answering
# directly and proxying to the same origin. Writes bench/out/serve.md and, when run on its own,
# puts that section into docs/performance.md (bench/compare.sh runs it through
# bench/extra-serve.sh and renders it with the rest).
#
#   bench/serve.sh                          # 8 s per measurement, 32 connections
#   BENCH_SECONDS=3 bench/serve.sh          # a quick smoke run
#
# Needs: cargo, openssl, curl, python3; installs nginx-light from Debian if missing. The load
# generator is bench/loadgen.rs (rustls, presents the client certificate; h2load and wrk
# cannot). Both servers get the same P-256 server certificate, the same client and the same
# origin (a plain-HTTP nginx server block answering "origin").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${OUT:-$ROOT/bench/out}
STANDALONE=${STANDALONE:-1}
SECS=${BENCH_SECONDS:-8}
CONNS=${BENCH_CONNECTIONS:-32}
mkdir -p "$OUT"

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "installing nginx-light" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "${RENDER_ONLY:-}" ]; then
cargo build --release --locked -q --bin mtlsctl --example loadgen
M=$ROOT/target/release/mtlsctl
L=$ROOT/target/release/examples/loadgen

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

export MTLSCTL_STORE=$WORK/store
H=app.example.test
"$M" -q cert create --ca --cn "Bench CA"
"$M" -q cert create --cn bench-client --out "$WORK/client.crt" --key-out "$WORK/client.key"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$H" \
  -keyout "$WORK/server.key" -out "$WORK/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\nbasicConstraints=CA:FALSE\n' "$H" > "$WORK/ext"
openssl x509 -req -in "$WORK/server.csr" -CA "$MTLSCTL_STORE/ca.crt" -CAkey "$MTLSCTL_STORE/ca.key" \
  -CAcreateserial -days 2 -extfile "$WORK/ext" -out "$WORK/server.crt" 2>/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P_ORIGIN=$(free_port); P_NGX=$(free_port); P_NGXP=$(free_port); P_SRV=$(free_port); P_SRVP=$(free_port)
P_NGXE=$(free_port)

mkdir -p "$WORK/nginx"
cat > "$WORK/nginx.conf" <<EOF
user root;
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx/error.log warn;
daemon off;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  keepalive_requests 1000000;
  upstream origin { server 127.0.0.1:$P_ORIGIN; keepalive 64; }
  server { listen 127.0.0.1:$P_ORIGIN; location / { return 200 "origin\n"; } }
  server {
    listen 127.0.0.1:$P_NGX ssl;
    ssl_certificate $WORK/server.crt; ssl_certificate_key $WORK/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_verify_client optional_no_ca;
    location / { return 200 "ok\n"; }
  }
  # The same job as serve's echo, as far as nginx can do it: the request and the client
  # certificate's fields (nginx computes them per request), as JSON.
  server {
    listen 127.0.0.1:$P_NGXE ssl;
    ssl_certificate $WORK/server.crt; ssl_certificate_key $WORK/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_verify_client optional_no_ca;
    location / {
      default_type application/json;
      return 200 '{"path":"\$request_uri","host":"\$host","method":"\$request_method","ip":"\$remote_addr","protocol":"\$ssl_protocol","cipher":"\$ssl_cipher","verify":"\$ssl_client_verify","serial":"\$ssl_client_serial","fingerprint":"\$ssl_client_fingerprint","subject":"\$ssl_client_s_dn","issuer":"\$ssl_client_i_dn","not_before":"\$ssl_client_v_start","not_after":"\$ssl_client_v_end","remain":"\$ssl_client_v_remain","cert":"\$ssl_client_escaped_cert"}\n';
    }
  }
  server {
    listen 127.0.0.1:$P_NGXP ssl;
    ssl_certificate $WORK/server.crt; ssl_certificate_key $WORK/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_verify_client optional_no_ca;
    location / {
      proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header X-Client-Verify \$ssl_client_verify;
      proxy_set_header X-Client-Serial \$ssl_client_serial;
    }
  }
}
EOF
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK/nginx" &
PIDS+=($!)
RULE='(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and starts_with(http.request.uri.path, "/admin/")'
"$M" -q serve --listen "127.0.0.1:$P_SRV" --hostname "$H" --server-cert "$WORK/server.crt" \
  --server-key "$WORK/server.key" --expr "$RULE" > /dev/null 2>"$WORK/serve.err" &
PIDS+=($!)
"$M" -q serve --listen "127.0.0.1:$P_SRVP" --hostname "$H" --server-cert "$WORK/server.crt" \
  --server-key "$WORK/server.key" --expr "$RULE" --upstream "http://127.0.0.1:$P_ORIGIN" \
  --headers managed > /dev/null 2>"$WORK/serve-proxy.err" &
PIDS+=($!)

wait_up() {
  for _ in $(seq 100); do
    if curl -s -o /dev/null --cacert "$MTLSCTL_STORE/ca.crt" --resolve "$H:$1:127.0.0.1" \
        --cert "$WORK/client.crt" --key "$WORK/client.key" "https://$H:$1/"; then return 0; fi
    sleep 0.1
  done
  echo "port $1 never answered" >&2; exit 1
}
for p in "$P_NGX" "$P_NGXE" "$P_NGXP" "$P_SRV" "$P_SRVP"; do wait_up "$p"; done

run() { # name port mode
  "$L" --mode "$3" --addr "127.0.0.1:$2" --host "$H" --path /api/item \
    --ca "$MTLSCTL_STORE/ca.crt" --cert "$WORK/client.crt" --key "$WORK/client.key" \
    --connections "$CONNS" --seconds "$SECS" | sed "s/^{/{\"target\":\"$1\",/" >> "$OUT/serve.jsonl"
}
rm -f "$OUT/serve.jsonl"
for mode in keepalive handshake; do
  run "mtlsctl serve, direct (JSON echo)" "$P_SRV" "$mode"
  run "nginx, direct (return 200)" "$P_NGX" "$mode"
  run "nginx, direct (JSON of its \$ssl_client_* fields)" "$P_NGXE" "$mode"
  run "mtlsctl serve, proxy" "$P_SRVP" "$mode"
  run "nginx, proxy" "$P_NGXP" "$mode"
done

fi # RENDER_ONLY
NGINX_VERSION=$("$NGINX" -v 2>&1 | sed 's/.*nginx\///')
python3 - "$OUT/serve.jsonl" "$OUT/serve.md" "$SECS" "$CONNS" "$NGINX_VERSION" "$(nproc)" <<'PY'
import json, sys
src, dst, secs, conns, ngx, cores = sys.argv[1:]
rows = [json.loads(l) for l in open(src)]
by = {}
for r in rows:
    by.setdefault(r["target"], {})[r["mode"]] = r
def cell(r):
    return f"{r['rps']:,.0f} | {r['p50_us']/1000:.2f} | {r['p99_us']/1000:.2f} | {r['errors']}"
out = [
    "### `mtlsctl serve` vs nginx",
    "",
    f"`bench/serve.sh`: nginx {ngx} from Debian (`ssl_verify_client optional_no_ca`) and `mtlsctl serve`",
    "(release build, one rule, full client-certificate validation once per connection) on the same",
    f"{cores}-core machine, the same P-256 server certificate, TLS 1.3, HTTP/1.1, {conns} connections for",
    f"{secs} s per line, load from `bench/loadgen.rs` (rustls, presents a client certificate) on the same",
    "cores. Proxy lines forward to the same plain-HTTP origin (an nginx server block). Latencies in ms.",
    "",
    "| target | keep-alive req/s | p50 | p99 | errors | new mTLS handshakes/s | p50 | p99 | errors |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
]
for t, m in by.items():
    out.append(f"| {t} | {cell(m['keepalive'])} | {cell(m['handshake'])} |")
out += [
    "",
    "What differs, so the numbers are read right: nginx with `optional_no_ca` requests the",
    "certificate but validates nothing and runs no rule; `mtlsctl serve` validates the chain",
    "(webpki, CRLs, store revocations) once per connection, builds the request fields and runs the",
    "rule for every request, and its direct answer is the JSON echo of the request and the fields",
    "(nginx's is `return 200`); in proxy mode it adds the 17 `cf-cert-*` headers. The load",
    "generator runs on the same cores as the servers, and other work on the machine moves every",
    "number between runs (±30% seen): compare lines of one run only.",
    "",
    "How `serve` is built for this (`src/serve/mod.rs`): one worker thread per core, each with its",
    "own single-threaded tokio runtime; the main thread accepts and hands each connection to the",
    "worker with the fewest open ones, where it stays (no work stealing, no wakeups across cores,",
    "like nginx's worker processes). Once per connection: the handshake, the certificate",
    "validation, the certificate's field values (as rule values with their field ids) and, with",
    "`--upstream`, the edge headers. Per request: the log line (the replay format), the request",
    "fields, the rules and the answer; the echo is written straight from the rule context into",
    "one buffer, and field names are looked up with a word-at-a-time hash (FxHash's step).",
    "",
    "Before that (one multi-threaded runtime, the echo built as a JSON map, SipHash lookups),",
    "a 5 s run of this script measured keep-alive requests/s at 0.31x nginx's direct and 0.71x",
    "proxying, with p99 1.4x (direct) and 1.6x (proxy) nginx's; handshakes/s were already ahead",
    "(1.6x, 2.4x). After, in three runs (two of 5 s, one of 8 s): requests/s 0.44-0.51x direct",
    "and 0.72-0.97x proxying; p99 direct 0.92 ms against nginx's 3.7-4.1 in two runs (4.30",
    "against 4.11 in the third), proxying 1.13-1.37 ms against 1.30-1.62; handshakes/s 1.7-2x.",
    "",
    "The second nginx line answers what the echo answers, as far as nginx can: the request and",
    "its `$ssl_client_*` values (verify result, serial, fingerprint, subject and issuer DN,",
    "validity, the escaped PEM) as one JSON object built per request. Against that line, in two",
    "5 s runs, `serve` direct made 0.86x and 0.89x nginx's requests/s, with p99 0.92 ms against",
    "0.94 in one and 4.30 against 1.04 in the other.",
    "",
    "What is left: proxying at 0.77-0.97x of nginx's requests/s from run to run. A profile of the",
    "proxy (`perf record --call-graph dwarf`) puts most of serve's time in hyper, rustls and the",
    "kernel (writev and recv, loopback delivery) and about a tenth in mtlsctl's own work per",
    "request: a context of every field's default, the log line built and parsed back (so a",
    "replay sees what was decided), the header rewrite; malloc and free take about a tenth more.",
    "An allocator with thread caches (mimalloc as the global allocator) was measured in the same",
    "conditions: +7.5% requests/s direct and proxying, handshakes/s unchanged, a proxy p99 of 3.5",
    "ms against 1.2 in that run, and one more C library to build; not adopted. Next: the request",
    "fields built from hyper's request without the text round trip when nothing is logged, and",
    "one context per worker reused across requests.",
    "",
]
open(dst, "w").write("\n".join(out) + "\n")
PY
cat "$OUT/serve.md"

if [ "$STANDALONE" = 1 ]; then
  python3 - "$OUT/serve.md" "$ROOT/docs/performance.md" <<'PY'
import sys
section, doc = open(sys.argv[1]).read(), sys.argv[2]
text = open(doc).read()
head = "### `mtlsctl serve` vs nginx"
if head in text:
    before, after = text.split(head, 1)
    rest = after.split("\n### ", 1)
    after = ("\n### " + rest[1]) if len(rest) == 2 else ""
    text = before.rstrip() + "\n\n" + section + after
else:
    text = text.rstrip() + "\n\n" + section
open(doc, "w").write(text)
PY
fi
