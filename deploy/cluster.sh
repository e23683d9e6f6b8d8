#!/usr/bin/env bash
# Starts a local Momentum cluster of N nodes on one machine: a standalone Kafka broker and N
# nodes that share one PostgreSQL server and join one Hazelcast cluster. Node i serves HTTP on
# port 8080 + i - 1. Node 1 runs the demo (it seeds the demo organisation); the others serve.
#
# Usage: MOMENTUM_PG_URL=postgresql://user:password@127.0.0.1:5432/momentum deploy/cluster.sh [N]
# (N defaults to 2). Logs go to ./data/cluster/node-<i>.log; Ctrl+C stops everything.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/server/target/momentum.jar"
nodes="${1:-2}"
data="$(realpath -m ./data/cluster)"
: "${MOMENTUM_PG_URL:?set MOMENTUM_PG_URL to a postgresql:// URL that every node can reach}"
[[ -f "$jar" ]] || { echo "cluster: $jar is missing; build it with mvn -B -DskipTests install" >&2; exit 1; }
mkdir -p "$data"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM

"$root/deploy/kafka-broker.sh" "$data/kafka" 9192 > "$data/kafka.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  (echo > /dev/tcp/127.0.0.1/9192) 2>/dev/null && break
  sleep 1
done

members=""
for i in $(seq 1 "$nodes"); do
  members+="${members:+,}127.0.0.1:$((5700 + i))"
done
for i in $(seq 1 "$nodes"); do
  command=serve
  [[ $i -eq 1 ]] && command=demo
  MOMENTUM_KAFKA=127.0.0.1:9192 \
  MOMENTUM_HTTP_PORT=$((8079 + i)) \
  MOMENTUM_DATA_DIR="$data/node-$i" \
  MOMENTUM_CLUSTER_PORT=$((5700 + i)) \
  MOMENTUM_CLUSTER_MEMBERS="$members" \
    java -Xmx512m -jar "$jar" "$command" > "$data/node-$i.log" 2>&1 &
  pids+=($!)
  echo "cluster: node $i ($command) on http://127.0.0.1:$((8079 + i))/, log $data/node-$i.log"
  [[ $i -eq 1 ]] && sleep 15
done
wait
