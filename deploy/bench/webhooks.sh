#!/usr/bin/env bash
# Webhook replay benchmark of one Momentum node. It builds nothing. It starts the existing
# server/target/momentum.jar in demo mode (demo publisher off) with a fresh data directory and a
# fixed API token, waits for /health and runs io.momentum.server.bench.WebhookReplayBenchmark
# from server/target/test-classes. Each round sends signed Jira issue deliveries over HTTP and
# times them until the mapped initiatives show the final state. Then it stops the server.
#
# Usage: deploy/bench/webhooks.sh [benchmark options...]   (WebhookReplayBenchmark --help lists them)
#
# Environment: BENCH_OUT (results folder; default /tmp/momentum-webhooks-<time>), BENCH_HTTP_PORT
# (default 8080), BENCH_KAFKA_PORT (in-process broker; default 9092, and the next free one when taken), BENCH_SERVER_JVM (server
# JVM flags; default -Xmx512m), BENCH_CLIENT_JVM (default -Xmx512m), BENCH_JFR=1 to record a JFR
# profile of the server into the results folder.
# Needs: the jar and the test classes (mvn -B -q install -DskipTests, or mvn -B -o -pl streams,server
# test-compile package -DskipTests), curl, and a free HTTP port.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${MOMENTUM_JAR:-$root/server/target/momentum.jar}"
classes="$root/server/target/test-classes"
out="${BENCH_OUT:-/tmp/momentum-webhooks-$(date +%Y%m%d-%H%M%S)}"
port="${BENCH_HTTP_PORT:-8080}"
kafka_port="${BENCH_KAFKA_PORT:-9092}"
server_jvm="${BENCH_SERVER_JVM:--Xmx512m}"
client_jvm="${BENCH_CLIENT_JVM:--Xmx512m}"
token="mtm_bench_0123456789abcdef"
base_url="http://127.0.0.1:$port"

[[ -f "$jar" ]] || { echo "webhooks: $jar is missing; build it first with mvn -B -q install -DskipTests" >&2; exit 1; }
[[ -f "$classes/io/momentum/server/bench/WebhookReplayBenchmark.class" ]] || {
  echo "webhooks: the benchmark class is missing from $classes; run mvn -B -o -pl streams,server test-compile" >&2
  exit 1
}
for p in "$port"; do
  if (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "webhooks: port $p is in use; stop what listens there or set BENCH_HTTP_PORT" >&2
    exit 1
  fi
done
mkdir -p "$out"

server_pid=""
data_dir="$(mktemp -d /tmp/momentum-webhooks-data.XXXXXX)"
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    for _ in $(seq 1 60); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "webhooks: server $server_pid did not stop within 30 s; killing it" >&2
      kill -9 "$server_pid" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  rm -rf "$data_dir"
}
trap stop_server EXIT INT TERM

{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  java -version 2>&1 | head -1
  echo "jar: $jar ($(stat -c %y "$jar"))"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

jfr=()
if [[ "${BENCH_JFR:-0}" == 1 ]]; then
  jfr=("-XX:StartFlightRecording=filename=$out/server.jfr,settings=profile,dumponexit=true")
fi
echo "webhooks: starting the server (JVM flags: $server_jvm)"
# shellcheck disable=SC2086 # the JVM flags are a list of words
env MOMENTUM_DATA_DIR="$data_dir" MOMENTUM_HTTP_PORT="$port" MOMENTUM_KAFKA_PORT="$kafka_port" \
  MOMENTUM_DEMO_TOKEN="$token" MOMENTUM_DEMO_RATE=0 \
  java $server_jvm "${jfr[@]}" -Xlog:gc:file="$out/server-gc.log" -jar "$jar" demo > "$out/server.log" 2>&1 &
server_pid=$!
healthy=0
for _ in $(seq 1 180); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "webhooks: the server exited while starting; see $out/server.log" >&2
    tail -20 "$out/server.log" >&2
    exit 1
  fi
  if curl -fsS "$base_url/health" > /dev/null 2>&1; then
    healthy=1
    break
  fi
  sleep 1
done
[[ $healthy == 1 ]] || { echo "webhooks: the server was not healthy within 180 s; see $out/server.log" >&2; exit 1; }
echo "webhooks: server $server_pid is healthy"
# The embedded PostgreSQL runs from the data directory; its postmaster is the process started with it.
postgres_pid="$(pgrep -o -f -- "-D $data_dir/" || true)"
postgres_args=()
if [[ -n "$postgres_pid" ]]; then
  postgres_args=(--postgres-pid "$postgres_pid")
else
  echo "webhooks: found no PostgreSQL process for $data_dir; its CPU time is not reported" >&2
fi

# shellcheck disable=SC2086
java $client_jvm -Dlogback.configurationFile="$root/deploy/bench/logback-quiet.xml" -cp "$classes:$jar" \
  io.momentum.server.bench.WebhookReplayBenchmark --base-url "$base_url" --token "$token" \
  --server-pid "$server_pid" "${postgres_args[@]}" --report "$out/webhooks.json" "$@" 2>&1 | tee "$out/client.log"
status=${PIPESTATUS[0]}
echo "webhooks: results in $out"
exit "$status"
