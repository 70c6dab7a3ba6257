#!/usr/bin/env python3
"""The first run: a store CA and a client certificate (P-256) from nothing, the process alone.

Alternates `mtlsctl` builds with rustls-cert-gen 0.2.0 (rcgen's CLI) round by round, so that
both see the same machine state; each process is started directly (no shell) in a fresh
directory, and only the process is timed. Prints median, min and p90 per tool.

    bench/first-run.py [ROUNDS] [NAME=MTLSCTL_BINARY ...]

Default: 40 rounds, target/release/mtlsctl; rustls-cert-gen from bench/tools (installed by
bench/compare.sh, or `cargo install --locked rustls-cert-gen --version 0.2.0 --root bench/tools`).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:]
rounds = int(args.pop(0)) if args and args[0].isdigit() else 40
tools = {}
for a in args:
    name, _, path = a.partition("=")
    tools[name] = os.path.abspath(path)
if not tools:
    tools["mtlsctl"] = os.path.join(ROOT, "target/release/mtlsctl")
rcg = os.path.join(ROOT, "bench/tools/bin/rustls-cert-gen")
if not os.access(rcg, os.X_OK):
    sys.exit(f"{rcg}: missing; run bench/compare.sh once or cargo install it (see --help)")
tools["rustls-cert-gen 0.2.0"] = rcg


def argv(name, path, d):
    if name.startswith("rustls-cert-gen"):
        return [path, "-o", d, "--ecdsa-p256", "--client-auth"]
    return [path, "-q", "--store", os.path.join(d, "s"), "cert", "create",
            "--out", os.path.join(d, "c.crt")]


def once(name, path):
    d = tempfile.mkdtemp(prefix="first-run.")
    try:
        cmd = argv(name, path, d)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start
    finally:
        shutil.rmtree(d)


times = {name: [] for name in tools}
for r in range(rounds + 3):
    for name, path in tools.items():
        t = once(name, path)
        if r >= 3:  # warm-up rounds are not counted
            times[name].append(t)

print(f"{rounds} alternating rounds (after 3 warm-up), the process alone, fresh directory each")
print("| tool | median | min | p90 |")
print("|---|---:|---:|---:|")
for name, ts in times.items():
    ts.sort()
    p90 = ts[min(len(ts) - 1, int(len(ts) * 0.9))]
    print(f"| {name} | {statistics.median(ts)*1e3:.2f} ms | {ts[0]*1e3:.2f} ms | {p90*1e3:.2f} ms |")
