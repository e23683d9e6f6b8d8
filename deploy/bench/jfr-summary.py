#!/usr/bin/env python3
"""Summarise where a Momentum server spends CPU, from a JFR recording's execution samples.

Each sample is charged to the first component of the list below that appears anywhere in its
stack, so JSON encoding called by the live hub counts as live hub work, not as Vert.x work. Samples are
counted, not timed: JFR samples a few running Java threads every 10 or 20 ms (settings=profile),
so the shares are estimates of where on-CPU Java time goes, and native and GC time is missing.

Usage: jfr-summary.py RECORDING.jfr [--threads]
Needs the JDK's `jfr` tool on the PATH. Record with, for example:
  jcmd <pid> JFR.start name=bench duration=30s settings=profile filename=server.jfr
and start the server with -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints
-XX:FlightRecorderOptions:stackdepth=512 so that deep JSON stacks are not cut off.
"""
import collections
import json
import re
import subprocess
import sys

# (substring of a frame, component), in priority order: the first one found in a stack wins.
COMPONENTS = [
    ("LiveHub$Subscription.mergeEntries", "live hub: merge each delta into each subscription"),
    ("LiveHub.publicEntry", "live hub: copy node JSON per subscription"),
    ("LiveHub$Subscription.deltaMessage", "live hub: build delta JSON per subscription"),
    ("LiveHub$Connection.send", "live hub: encode and write per socket"),
    ("LiveHub", "live hub: other"),
    ("LiveFeeds", "live feeds"),
    ("JsonObjectMessageCodec", "event bus: copy of each published JsonObject"),
    ("LiveStateStore", "live state: encode Hazelcast entries"),
    ("LiveDeltas", "live deltas: build event-bus message"),
    ("BoardService", "board snapshots"),
    ("streams.engine", "engine: apply and roll up"),
    ("CloudEventParser", "ingest: validate CloudEvents"),
    ("BatchProcessor.parse", "ingest: parse record JSON"),
    ("PgEventStore", "PostgreSQL event store"),
    ("BatchProcessor", "ingest: batch processor, other"),
    ("OrgEngines", "ingest: publish changes"),
    ("IngestVerticle", "ingest: poll and commit"),
    ("io.vertx.pgclient", "PostgreSQL client"),
    ("PrometheusScrapingHandler", "metrics scrape"),
    ("com.hazelcast", "Hazelcast"),
    ("kafka.", "Kafka broker (in-process)"),
    ("org.apache.kafka", "Kafka broker and clients"),
    ("websocketx", "WebSocket codec"),
    ("io.netty", "Netty I/O"),
    ("io.vertx", "Vert.x, other"),
]


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def component_of(frames):
    for needle, component in COMPONENTS:
        if any(needle in frame for frame in frames):
            return component
    return "JDK and other"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    printed = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample", sys.argv[1]],
        check=True, capture_output=True, text=True).stdout
    events = json.loads(printed)["recording"]["events"]
    if not events:
        sys.exit("no jdk.ExecutionSample events in " + sys.argv[1])

    by_component = collections.Counter()
    by_thread = collections.defaultdict(collections.Counter)
    truncated = 0
    for event in events:
        values = event["values"]
        stack = values["stackTrace"]
        truncated += 1 if stack.get("truncated") else 0
        component = component_of([frame_name(f) for f in stack["frames"]])
        thread = values["sampledThread"]["javaName"] or values["sampledThread"]["osName"] or "?"
        by_component[component] += 1
        by_thread[thread][component] += 1

    total = len(events)
    print(f"{total} samples, {truncated} with truncated stacks")
    for component, count in by_component.most_common():
        print(f"{count:7d} {100.0 * count / total:5.1f} %  {component}")
    if "--threads" in sys.argv:
        grouped = collections.Counter()
        for thread, counts in by_thread.items():
            grouped[re.sub(r"\d+", "N", thread)] += sum(counts.values())
        print()
        for thread, count in grouped.most_common(12):
            print(f"{count:7d} {100.0 * count / total:5.1f} %  {thread}")
        print()
        for thread in sorted(t for t in by_thread if t.startswith("vert.x-eventloop")):
            counts = by_thread[thread]
            top = ", ".join(f"{c} {n}" for c, n in counts.most_common(4))
            print(f"{thread}: {sum(counts.values())} samples; {top}")


if __name__ == "__main__":
    main()
