#!/usr/bin/env bash
# Rules-side measurements for bench/compare.sh: the engine against wirefilter 0.6.1
# (criterion, same inputs) and `rule test --requests` throughput. Appends to $OUT/extra.md.
# Called by compare.sh with M, OUT, WORK, RUNS and QUICK set.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$WORK"

# --- rule test --requests: 100 distinct certificates, 100,000 requests -----------------
mkdir -p req && cd req
export MTLSCTL_STORE=$WORK/req/store
$M -q cert create --cn dev --count 100 >/dev/null
python3 - <<'PY'
import random
random.seed(7)
paths = ["/admin", "/admin/users", "/api/v1/items", "/health", "/", "/%61dmin", "/static/app.js"]
with open("requests.jsonl", "w") as f:
    for i in range(100_000):
        c = random.randrange(120)
        cert = f'"cert": "dev-{c + 1:03d}.crt", ' if c < 100 else ""
        f.write('{%s"path": "%s", "host": "api.acme.test", "method": "GET"}\n' % (cert, random.choice(paths)))
PY
cat > mtlsctl.yaml <<'YAML'
- ref: health
  action: skip
  expression: 'http.request.uri.path eq "/health"'
- ref: admin
  path_prefixes: [/admin]
  hosts: [api.acme.test]
- ref: api
  action: managed_challenge
  path_prefixes: [/api]
YAML
$M rule test --requests requests.jsonl --allow-cert-files --rules mtlsctl.yaml > verdicts.jsonl
[ "$(wc -l < verdicts.jsonl)" -eq 100000 ] || { echo "rule test --requests lost lines" >&2; exit 1; }
hyperfine -N --style none --warmup 1 --runs "${QUICK:+3}${QUICK:-10}" --export-json "$OUT/requests.json" \
  -n "mtlsctl rule test --requests (100k)" "$M rule test -q --requests requests.jsonl --allow-cert-files --rules mtlsctl.yaml" >/dev/null
cd "$WORK"

# --- the engine vs wirefilter 0.6.1 (criterion) ----------------------------------------
(cd "$ROOT" && cargo bench --locked --bench rules -- --warm-up-time 1 --measurement-time "${QUICK:+1}${QUICK:-3}" --noplot >/dev/null 2>&1)

python3 - "$ROOT/target/criterion" "$OUT" <<'PY'
import json, os, sys
crit, out = sys.argv[1], sys.argv[2]
def est(group, fn):
    p = os.path.join(crit, group, fn.replace("/", "_"), "new", "estimates.json")
    if not os.path.exists(p):
        return None
    return json.load(open(p))["median"]["point_estimate"]
lines = ["### The Rules engine vs wirefilter 0.6.1", "",
         "Criterion medians, same expressions and contexts, one process (`cargo bench --bench rules`).", "",
         "| expression | mtlsctl eval | wirefilter eval | ratio | mtlsctl parse | wirefilter parse |", "|---|---:|---:|---:|---:|---:|"]
for g in sorted(os.listdir(crit)) if os.path.isdir(crit) else []:
    me, wf = est(g, "mtlsctl/eval"), est(g, "wirefilter/eval")
    if me is None or wf is None:
        continue
    mp, wp = est(g, "mtlsctl/parse"), est(g, "wirefilter/parse")
    lines.append(f"| {g} | {me:.1f} ns | {wf:.1f} ns | {me/wf:.2f} | {mp/1000:.2f} µs | {wp/1000:.2f} µs |")
req = os.path.join(out, "requests.json")
if os.path.exists(req):
    r = json.load(open(req))["results"][0]
    lines += ["", "### `rule test --requests`", "",
              "100,000 requests over 100 distinct client certificates (and some without one), three rules "
              "(skip, block on a host and path prefix, managed challenge), whole process including reading, "
              "validating each certificate once, and writing one verdict per line.", "",
              f"- median {r['median']:.3f} s: **{100000 / r['median']:,.0f} requests per second** on one core"]
open(os.path.join(out, "extra.md"), "a").write("\n".join(lines) + "\n\n")
PY
