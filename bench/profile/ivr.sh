#!/bin/bash
# Where an IVR webhook's CPU goes (docs/performance.md, "CPU per webhook"): the app in one process,
# warmed up with WARM calls, then `perf record` (cpu-clock, every thread) over CALLS calls of
# branch 2, and each sample put in one category by its call chain (bench/profile/categories.mjs).
# Needs Debian's linux-perf; PROFILE_DATABASE_URL for PostgreSQL. Usage: bench/profile/ivr.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export PROFILE_DIR=${PROFILE_DIR:-$(mktemp -d)}
CALLS=${CALLS:-300}
node --perf-basic-prof --import tsx bench/profile/server.ts > "$PROFILE_DIR/server.log" 2>&1 &
SERVER=$!
until grep -q ready "$PROFILE_DIR/server.log" 2>/dev/null; do kill -0 $SERVER; sleep 1; done
CALLS=${WARM:-1000} node --import tsx bench/profile/client.ts > /dev/null
kill -USR1 $SERVER; sleep 0.3
perf record -e cpu-clock -F 2000 -g -p $SERVER -o "$PROFILE_DIR/perf.data" > /dev/null 2>&1 &
PERF=$!
sleep 1
CALLS=$CALLS node --import tsx bench/profile/client.ts
kill -USR2 $SERVER; sleep 0.5
kill -INT $PERF; wait $PERF || true
node -e "const u=require(process.argv[1]); console.log('server CPU per webhook: ' + ((u.user+u.system)/1000/(7*Number(process.argv[2]))).toFixed(3) + ' ms')" "$PROFILE_DIR/cpu.json" "$CALLS"
kill -TERM $SERVER; wait $SERVER || true
perf script -i "$PROFILE_DIR/perf.data" -F tid,ip,sym,dso 2>/dev/null > "$PROFILE_DIR/perf.txt"
node bench/profile/categories.mjs "$PROFILE_DIR/perf.txt" $SERVER
