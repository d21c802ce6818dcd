#!/usr/bin/env bash
# The speed benchmark of docs/PERFORMANCE.md: generates synthetic vaults (1k, 10k and 100k notes
# by default; SIZES="1000 10000" to choose) and measures, in the same run, with hyperfine:
#   rg       rg -c '^\s*[-*+] \[.\]' VAULT                     (the yardstick)
#   cold     journal review --no-cache                          (every note read and parsed)
#   warm     journal review, nothing changed since the last run (the cache is used)
#   touched  journal review after touching 1% of the notes      (those are read again)
# plus peak memory (GNU time) of the cold and warm runs. Prints a Markdown table with the
# ratios to ripgrep. Needs hyperfine, ripgrep and GNU time (Debian: hyperfine ripgrep time).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-1000 10000 100000}"
OUT="${OUT:-target/bench}"
RUNS="${RUNS:-10}"
for tool in hyperfine rg /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is needed (apt-get install hyperfine ripgrep time python3)" >&2; exit 2; }
done

cargo build --release --quiet --bin journal --example gen_vault
J="$PWD/target/release/journal"
mkdir -p "$OUT"
export XDG_CACHE_HOME="$PWD/$OUT/cache"
ARGS="--today 2026-11-29 -q review"

for n in $SIZES; do
  vault="$OUT/vault-$n"
  if [ ! -d "$vault" ]; then
    echo "generating $vault" >&2
    target/release/examples/gen_vault "$vault" "$n" 1
    # Notes written just now are "racy" for the cache (modified within its timestamp
    # granularity); let them age so the warm runs measure the steady state.
    sleep 3
  fi
  # Every 100th note, always the same ones.
  find "$vault" -name '*.md' | sort | awk 'NR % 100 == 0' > "$OUT/touch-$n.txt"
  "$J" --vault "$vault" $ARGS >/dev/null   # fill the cache
  hyperfine --style basic --warmup 3 --runs "$RUNS" --export-json "$OUT/hyperfine-$n.json" \
    -n rg "rg -c '^\s*[-*+] \[.\]' $vault" \
    -n cold "$J --vault $vault --no-cache $ARGS" \
    -n warm "$J --vault $vault $ARGS" \
    -n touched --prepare "xargs -d '\n' touch < $OUT/touch-$n.txt" "$J --vault $vault $ARGS" \
    >&2
  /usr/bin/time -f '%M' -o "$OUT/rss-cold-$n.txt" "$J" --vault "$vault" --no-cache $ARGS >/dev/null
  "$J" --vault "$vault" $ARGS >/dev/null
  /usr/bin/time -f '%M' -o "$OUT/rss-warm-$n.txt" "$J" --vault "$vault" $ARGS >/dev/null
  du -sb "$vault" | cut -f1 > "$OUT/bytes-$n.txt"
done

python3 - "$OUT" $SIZES <<'PY'
import json, sys
out, sizes = sys.argv[1], sys.argv[2:]
print("| notes | MB | rg | cold | warm | 1% touched | cold/rg | warm/rg | touched/rg | peak RSS cold | peak RSS warm |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    r = {x["command"]: x for x in json.load(open(f"{out}/hyperfine-{n}.json"))["results"]}
    ms = lambda k: r[k]["mean"] * 1000
    mb = int(open(f"{out}/bytes-{n}.txt").read()) / 1e6
    rss = lambda k: int(open(f"{out}/rss-{k}-{n}.txt").read().strip().splitlines()[-1]) / 1024
    print(f"| {int(n):,} | {mb:.0f} | {ms('rg'):.1f} ms | {ms('cold'):.1f} ms | {ms('warm'):.1f} ms | {ms('touched'):.1f} ms "
          f"| {ms('cold')/ms('rg'):.2f}× | {ms('warm')/ms('rg'):.2f}× | {ms('touched')/ms('rg'):.2f}× "
          f"| {rss('cold'):.0f} MiB | {rss('warm'):.0f} MiB |")
PY
