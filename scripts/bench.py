#!/usr/bin/env python3
"""The speed benchmark of docs/PERFORMANCE.md, interleaved with ripgrep.

For each profile (gen, real) and size (1k, 10k, 100k notes by default), generates a vault
with examples/gen_vault and times, one after the other in rounds (rg, cold, rg, warm, rg,
touched, ...), so that the machine's drift touches every command alike:

  rg       rg -c '^\\s*[-*+] \\[.\\]' VAULT            the yardstick (SPEC §6)
  cold     journal review --no-cache                 every note read and parsed
  warm     journal review, nothing changed           the cache and the stored review used
  touched  journal review after touching 1% of the notes (new mtime, same content)
  edited   journal review after appending a line to 1% of the notes

Each journal median is divided by the median of the rg runs of the same rounds. Peak RSS is
the largest resident set of the journal runs (from wait4). Prints a Markdown table.

    SIZES="1000 10000" PROFILES="gen real" ROUNDS=15 scripts/bench.py
    JOURNAL=/path/to/another/journal scripts/bench.py   # another build, on the same vaults
"""
import os, shutil, statistics, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
sizes = os.environ.get("SIZES", "1000 10000 100000").split()
profiles = os.environ.get("PROFILES", "gen real").split()
rounds = int(os.environ.get("ROUNDS", "10"))
out = os.environ.get("OUT", "target/bench")
for tool in ["rg"]:
    if shutil.which(tool) is None:
        sys.exit(f"bench.py: {tool} is needed (apt-get install ripgrep)")
subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "journal", "--example", "gen_vault"], check=True)
J = os.environ.get("JOURNAL") or os.path.join(root, "target/release/journal")
GEN = os.path.join(root, "target/release/examples/gen_vault")
os.makedirs(out, exist_ok=True)
env = dict(os.environ, XDG_CACHE_HOME=os.path.abspath(os.path.join(out, "cache")))
env.pop("JOURNAL_VAULT", None)
ARGS = ["--today", "2026-11-29", "-q", "review"]


def run(cmd):
    """Seconds and peak RSS (KiB) of one run, output discarded."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"bench.py: {' '.join(cmd)} failed")
    return elapsed, usage.ru_maxrss


def touch(files):
    """A new modification time on each file, the content as it was."""
    for f in files:
        os.utime(f)


def edit(files, n):
    """A real edit of each file: a line appended."""
    for f in files:
        with open(f, "a") as fh:
            fh.write(f"\nEdited in round {n}.\n")


rows = []
for profile in profiles:
    for n in sizes:
        vault = os.path.join(out, f"vault-{profile}-{n}")
        if not os.path.isdir(vault):
            print(f"generating {vault}", file=sys.stderr)
            subprocess.run([GEN, vault, n, "1", profile], check=True)
            time.sleep(3)  # let the new files age past the cache's racy window
        notes = sorted(
            os.path.join(d, f) for d, _, fs in os.walk(vault) for f in fs if f.endswith(".md")
        )
        touched = notes[::100]
        rg = ["rg", "-c", r"^\s*[-*+] \[.\]", vault]
        cold = [J, "--vault", vault, "--no-cache", *ARGS]
        warm = [J, "--vault", vault, *ARGS]
        run(warm)
        run(warm)
        times = {"rg": [], "cold": [], "warm": [], "touched": [], "edited": []}
        rss = {"cold": 0, "warm": 0, "touched": 0, "edited": 0}
        for r in range(rounds):
            for name, cmd in [("cold", cold), ("warm", warm), ("touched", warm), ("edited", warm)]:
                t, _ = run(rg)
                times["rg"].append(t)
                if name in ("touched", "edited"):
                    touch(touched) if name == "touched" else edit(touched, r)
                    time.sleep(2.1)  # past the racy window, as an edit made minutes ago
                t, m = run(cmd)
                times[name].append(t)
                rss[name] = max(rss[name], m)
                if name in ("touched", "edited"):
                    run(warm)  # cached again, for the next warm run
        size = sum(os.path.getsize(f) for f in notes) / 1e6
        med = {k: statistics.median(v) * 1000 for k, v in times.items()}
        rows.append((profile, int(n), size, med, rss))

print("| profile | notes | MB | rg | cold | warm | 1% touched | 1% edited | cold/rg | warm/rg | touched/rg | edited/rg | peak RSS cold | peak RSS warm |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for profile, n, size, m, rss in rows:
    r = lambda k: m[k] / m["rg"]
    print(
        f"| {profile} | {n:,} | {size:.0f} | {m['rg']:.1f} ms | {m['cold']:.1f} ms | {m['warm']:.1f} ms "
        f"| {m['touched']:.1f} ms | {m['edited']:.1f} ms | {r('cold'):.2f}× | {r('warm'):.2f}× "
        f"| {r('touched'):.2f}× | {r('edited'):.2f}× | {rss['cold']/1024:.0f} MiB | {rss['warm']/1024:.0f} MiB |"
    )
