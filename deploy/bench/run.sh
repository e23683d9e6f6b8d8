#!/usr/bin/env bash
# End-to-end benchmark of one Momentum node. It builds nothing. For each scenario it starts the
# existing server/target/momentum.jar in demo mode with a fresh data directory and a fixed API
# token, waits for /health and runs the load generator against it. The generator is
# io.momentum.streams.load.LoadGenerator, which the same jar contains. Then it stops the server
# and prints the results.
#
# Usage: deploy/bench/run.sh [scenario...]   (default: steps latency heap)
#   steps    rate steps with 100 boards, to find the highest sustained events/s
#   latency  1k and 10k events/s with 100 boards, 20 s warm-up and 60 s measured each
#   heap     the demo publisher at its default rate, 100 boards, 600 s, publishing nothing else
#
# Environment: BENCH_OUT (results folder; default /tmp/momentum-bench-<time>), BENCH_RATES
# (rate list of the steps scenario), BENCH_HEAP_SECONDS (measured seconds of the heap scenario;
# default 600), BENCH_BOARDS (default 100), BENCH_DURATION and
# BENCH_WARMUP (seconds per step), BENCH_HTTP_PORT (default 8080), BENCH_SERVER_JVM (server JVM
# flags; default -Xmx512m), BENCH_GENERATOR_JVM (default -Xmx1g), BENCH_GENERATOR_CP (the
# generator's class path; default: the jar), BENCH_GENERATOR_ARGS (more generator options, such
# as --stop-after-failures 0), BENCH_JFR=1 to record a JFR profile of each server
# run into the results folder. After each scenario the server's class histogram is saved.
# Needs: a built jar (mvn -B -q install -DskipTests), curl, and free ports 8080 and 9092.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="${MOMENTUM_JAR:-$root/server/target/momentum.jar}"
out="${BENCH_OUT:-/tmp/momentum-bench-$(date +%Y%m%d-%H%M%S)}"
port="${BENCH_HTTP_PORT:-8080}"
boards="${BENCH_BOARDS:-100}"
rates="${BENCH_RATES:-1000,2000,5000,10000,20000,30000,40000}"
duration="${BENCH_DURATION:-30}"
warmup="${BENCH_WARMUP:-10}"
server_jvm="${BENCH_SERVER_JVM:--Xmx512m}"
generator_jvm="${BENCH_GENERATOR_JVM:--Xmx1g}"
generator_cp="${BENCH_GENERATOR_CP:-$jar}"
token="mtm_bench_0123456789abcdef"
base_url="http://127.0.0.1:$port"
scenarios=("$@")
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=(steps latency heap)

[[ -f "$jar" ]] || { echo "bench: $jar is missing; build it first with mvn -B -q install -DskipTests" >&2; exit 1; }
if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "bench: port $port is in use; stop what listens there or set BENCH_HTTP_PORT" >&2
  exit 1
fi
mkdir -p "$out"

server_pid=""
data_dir=""
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    for _ in $(seq 1 60); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "bench: server $server_pid did not stop within 30 s; killing it" >&2
      kill -9 "$server_pid" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  if [[ -n "$data_dir" ]]; then
    rm -rf "$data_dir"
    data_dir=""
  fi
}
trap stop_server EXIT INT TERM

# start_server NAME DEMO_RATE: starts the jar in demo mode; DEMO_RATE empty keeps its default.
start_server() {
  local name="$1" demo_rate="$2" jfr=()
  data_dir="$(mktemp -d /tmp/momentum-bench-data.XXXXXX)"
  if [[ "${BENCH_JFR:-0}" == 1 ]]; then
    jfr=("-XX:StartFlightRecording=filename=$out/$name.jfr,settings=profile,dumponexit=true")
  fi
  echo "bench: starting the server for '$name' (JVM flags: $server_jvm; demo rate: ${demo_rate:-default})"
  # shellcheck disable=SC2086 # the JVM flags are a list of words
  env MOMENTUM_DATA_DIR="$data_dir" MOMENTUM_HTTP_PORT="$port" MOMENTUM_DEMO_TOKEN="$token" \
    ${demo_rate:+MOMENTUM_DEMO_RATE="$demo_rate"} \
    java $server_jvm "${jfr[@]}" -Xlog:gc:file="$out/$name-gc.log" -jar "$jar" demo > "$out/$name-server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 180); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "bench: the server exited while starting; see $out/$name-server.log" >&2
      tail -20 "$out/$name-server.log" >&2
      exit 1
    fi
    if curl -fsS "$base_url/health" > /dev/null 2>&1; then
      echo "bench: server $server_pid is healthy"
      return
    fi
    sleep 1
  done
  echo "bench: the server was not healthy within 180 s; see $out/$name-server.log" >&2
  exit 1
}

kafka_bootstrap() {
  local name="$1" found
  found="$(grep -o 'Kafka at [^ ]*' "$out/$name-server.log" | head -1 | cut -d' ' -f3 || true)"
  echo "${found:-127.0.0.1:9092}"
}

# run_generator NAME ARGS...: runs the load generator against the running server.
run_generator() {
  local name="$1"
  shift
  # shellcheck disable=SC2086
  java $generator_jvm -Dlogback.configurationFile="$root/deploy/bench/logback-quiet.xml" \
    -cp "$generator_cp" io.momentum.streams.load.LoadGenerator \
    --base-url "$base_url" --token "$token" --bootstrap-servers "$(kafka_bootstrap "$name")" \
    --server-pid "$server_pid" --report "$out/$name.json" "$@" ${BENCH_GENERATOR_ARGS:-} 2>&1 | tee "$out/$name-generator.log"
  jcmd "$server_pid" GC.class_histogram > "$out/$name-histogram.txt" 2>&1 || true
}

{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  java -version 2>&1 | head -1
  echo "jar: $jar ($(stat -c %y "$jar"))"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} | tee "$out/machine.txt"

for scenario in "${scenarios[@]}"; do
  case "$scenario" in
    steps)
      start_server steps 0
      run_generator steps --rate "$rates" --boards "$boards" --duration "$duration" --warmup "$warmup"
      stop_server
      ;;
    latency)
      start_server latency 0
      run_generator latency --rate 1000,10000 --boards "$boards" --duration 60 --warmup 20 \
        --stop-after-failures 0
      stop_server
      ;;
    heap)
      start_server heap ""
      run_generator heap --rate 0 --boards "$boards" --duration "${BENCH_HEAP_SECONDS:-600}" --warmup "$warmup"
      stop_server
      ;;
    *)
      echo "bench: unknown scenario '$scenario'; use steps, latency or heap" >&2
      exit 2
      ;;
  esac
done

echo
echo "bench: results in $out"
for scenario in "${scenarios[@]}"; do
  echo "== $scenario"
  sed -n '/^Summary/,$p' "$out/$scenario-generator.log"
done
