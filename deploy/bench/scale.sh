#!/usr/bin/env bash
# Capacity benchmark of one node on a large organisation. It builds nothing. It writes a synthetic
# organisation (java -jar momentum.jar generate-org, about 100 nodes per team) into a fresh data
# directory, starts the node on it, waits until the organisation's engine is built, then times
# with curl: the portfolio snapshot, a team board snapshot, and time-travel queries for a key
# result and a team objective as of the middle of the history. Prints a summary and keeps the
# raw timings in the results folder.
#
# Usage: deploy/bench/scale.sh
#
# Environment: BENCH_OUT (results folder; default /tmp/momentum-scale-<time>), BENCH_TEAMS
# (default 1000, which gives 100,135 nodes), BENCH_REPEAT (requests per measurement; default 20),
# BENCH_HTTP_PORT (default 8080), BENCH_SERVER_JVM (default -Xmx2g).
# Needs: a built jar (mvn -B -q install -DskipTests), curl, python3, and free ports 8080 and 9092.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${MOMENTUM_JAR:-$root/server/target/momentum.jar}"
out="${BENCH_OUT:-/tmp/momentum-scale-$(date +%Y%m%d-%H%M%S)}"
teams="${BENCH_TEAMS:-1000}"
repeat="${BENCH_REPEAT:-20}"
port="${BENCH_HTTP_PORT:-8080}"
server_jvm="${BENCH_SERVER_JVM:--Xmx2g}"
org="scale"
base_url="http://127.0.0.1:$port"

[[ -f "$jar" ]] || { echo "scale: $jar is missing; build it first with mvn -B -q install -DskipTests" >&2; exit 1; }
if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "scale: port $port is in use; stop what listens there or set BENCH_HTTP_PORT" >&2
  exit 1
fi
mkdir -p "$out"
data_dir="$out/data"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

echo "scale: generating organisation $org with $teams teams into $data_dir"
generated=$(java -jar "$jar" generate-org --org "$org" --teams "$teams" --data-dir "$data_dir" 2>"$out/generate.log")
echo "$generated" | grep '^organisation' | sed 's/^/scale: /'
token=$(echo "$generated" | awk '/^token /{print $2}')
[[ -n "$token" ]] || { echo "scale: generate-org printed no token; see $out/generate.log" >&2; exit 1; }

echo "scale: starting the node ($server_jvm)"
started=$(date +%s%N)
# shellcheck disable=SC2086
java $server_jvm -jar "$jar" serve --data-dir "$data_dir" --http-port "$port" --demo-rate 0 \
  > "$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  if grep -aq "Built the goal engine of organisation $org" "$out/server.log"; then
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || { echo "scale: the node stopped; see $out/server.log" >&2; exit 1; }
  sleep 1
done
grep -a "Built the goal engine of organisation $org" "$out/server.log" | sed 's/^/scale: /'
echo "scale: node ready after $(( ($(date +%s%N) - started) / 1000000 )) ms"

api() {
  curl -sf -H "Authorization: Bearer $token" "$base_url$1"
}

# Times one GET $repeat times; writes the seconds per request to $out/<name>.txt.
measure() {
  local name="$1" path="$2"
  : > "$out/$name.txt"
  for _ in $(seq 1 "$repeat"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" "$base_url$path" \
      >> "$out/$name.txt"
  done
  python3 - "$name" "$out/$name.txt" <<'PY'
import statistics, sys
name, path = sys.argv[1], sys.argv[2]
rows = [line.split() for line in open(path) if line.strip()]
bad = [code for code, _ in rows if code != '200']
ms = sorted(float(t) * 1000 for _, t in rows)
print(f"scale: {name:<22} n={len(ms)} first={float(rows[0][1]) * 1000:.1f} ms  p50={statistics.median(ms):.1f} ms"
      f"  max={ms[-1]:.1f} ms" + (f"  NON-200: {sorted(set(bad))}" if bad else ""))
PY
}

team_unit=$(api "/api/v1/units?limit=500" | python3 -c \
  'import json,sys; print(next(u["id"] for u in json.load(sys.stdin)["items"] if u["kind"] == "team"))')
key_result=$(api "/api/v1/key-results?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
objective=$(api "/api/v1/objectives?unit=$team_unit&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
middle=$(api "/api/v1/key-results/$key_result/history" | python3 -c '
import json, sys
points = json.load(sys.stdin).get("points", [])
print(points[len(points) // 2]["time"] if points else "")')
[[ -n "$middle" ]] || middle=$(date -u +%Y-%m-%dT%H:%M:%SZ)

measure portfolio "/api/v1/boards/portfolio:$org"
measure team-board "/api/v1/boards/unit:$team_unit"
measure as-of-key-result "/api/v1/nodes/$key_result/as-of?at=$middle"
measure as-of-objective "/api/v1/nodes/$objective/as-of?at=$middle"

pid_heap=$(jcmd "$server_pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap/{print $6}' || true)
echo "scale: heap used after the run: ${pid_heap:-unknown}"
echo "scale: results in $out"
