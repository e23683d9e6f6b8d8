#!/usr/bin/env bash
# Runs a standalone single-node Kafka broker (KRaft, broker and controller in one process) from
# the Kafka classes inside momentum.jar, for nodes started with MOMENTUM_KAFKA=127.0.0.1:<port>.
#
# Usage: deploy/kafka-broker.sh [data-dir] [port]     (defaults: ./data/kafka-broker, 9092)
# Needs server/target/momentum.jar (mvn -B -DskipTests install). Stop it with Ctrl+C.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/server/target/momentum.jar"
data_dir="$(realpath -m "${1:-./data/kafka-broker}")"
port="${2:-9092}"
controller_port=$((port + 1))

[[ -f "$jar" ]] || { echo "kafka-broker: $jar is missing; build it with mvn -B -DskipTests install" >&2; exit 1; }
mkdir -p "$data_dir/log"

cat > "$data_dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$data_dir/log
num.partitions=6
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS

if [[ ! -f "$data_dir/log/meta.properties" ]]; then
  java -cp "$jar" kafka.tools.StorageTool format -t "$(java -cp "$jar" kafka.tools.StorageTool random-uuid)" \
    -c "$data_dir/server.properties"
fi
echo "kafka-broker: listening on 127.0.0.1:$port, data in $data_dir"
exec java -Xmx512m -cp "$jar" kafka.Kafka "$data_dir/server.properties"
