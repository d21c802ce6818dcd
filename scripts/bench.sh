#!/usr/bin/env bash
# The speed benchmark of docs/PERFORMANCE.md (scripts/bench.py does the work): both vault
# profiles at 1k, 10k and 100k notes, every journal run interleaved with ripgrep.
#   SIZES="1000 10000" PROFILES="gen real" ROUNDS=15 scripts/bench.sh
set -euo pipefail
exec python3 "$(dirname "$0")/bench.py" "$@"
