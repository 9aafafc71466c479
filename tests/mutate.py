#!/usr/bin/env python3
"""Mutation run: damages a real programme at random and runs every command on it.

Usage (from the repository root, after `cargo build --release`):
    python3 tests/mutate.py SEED COUNT

Each round copies programmes/jelgava-2024-2028 to a temporary folder, flips, deletes,
duplicates or cuts bytes in 1-4 of its files, and runs check, render, calendar, show and diff
on it. A panic, a timeout (20 s) or an exit code other than 0, 1 or 2 is printed and the
damaged folder kept under /tmp/pmp-mutate/. Not part of `cargo test`: a seed that finds a
problem becomes a test in tests/hostile.rs.
"""
import os, random, shutil, subprocess, sys, tempfile

seed, count = int(sys.argv[1]), int(sys.argv[2])
random.seed(seed)
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = os.path.join(root, "programmes", "jelgava-2024-2028")
pmp = os.path.join(root, "target", "release", "pmp")
keep = "/tmp/pmp-mutate"
bad = 0
work = tempfile.mkdtemp(prefix="pmp-mutate-")
for it in range(count):
    d = os.path.join(work, "p")
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(src, d)
    files = [f for f in os.listdir(d) if f.endswith((".yaml", ".csv"))]
    for _ in range(random.randint(1, 4)):
        f = os.path.join(d, random.choice(files))
        b = bytearray(open(f, "rb").read())
        if not b:
            continue
        i, op = random.randrange(len(b)), random.random()
        if op < 0.3:
            b[i] = random.choice(b"\t\n :-[]{}\"'#&*!|>%@`,?0123456789\x00\xff")
        elif op < 0.5:
            del b[i : i + random.randint(1, 50)]
        elif op < 0.7:
            b[i:i] = b[random.randrange(len(b)) :][: random.randint(1, 200)]
        elif op < 0.8:
            b = b[:i]
        else:
            b[i:i] = b" " * random.randint(1, 4)
        open(f, "wb").write(bytes(b))
    for cmd in (
        ["check", d, "--format", "json"],
        ["render", d, "--format", "all", "--out", d + "-out", "--allow-errors"],
        ["calendar", d, "--format", "json"],
        ["show", d],
        ["diff", src, d, "--format", "json"],
    ):
        try:
            r = subprocess.run([pmp] + cmd, capture_output=True, timeout=20)
            failed = r.returncode not in (0, 1, 2) or b"panicked" in r.stderr
            why = f"exit {r.returncode}: {r.stderr[-300:]!r}"
        except subprocess.TimeoutExpired:
            failed, why = True, "timeout"
        if failed:
            bad += 1
            print(f"round {it}: pmp {cmd[0]}: {why}")
            shutil.copytree(d, f"{keep}/seed{seed}-round{it}", dirs_exist_ok=True)
shutil.rmtree(work, ignore_errors=True)
print(f"{count} rounds, {bad} problems")
sys.exit(1 if bad else 0)
