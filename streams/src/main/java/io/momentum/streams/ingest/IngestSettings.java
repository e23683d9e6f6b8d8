package io.momentum.streams.ingest;

import java.time.Duration;

/**
 * Settings of the Kafka ingest pipeline.
 *
 * @param bootstrapServers Kafka bootstrap-server list
 * @param groupId consumer group; every node of one deployment uses the same
 * @param maxPollRecords largest batch taken from Kafka at once
 * @param tickInterval how often time-driven status (expected progress) is re-evaluated
 * @param signalSettleTime how long the condition of a value- or confidence-driven signal must stay
 *     clear before the signal resolves
 */
public record IngestSettings(String bootstrapServers, String groupId, int maxPollRecords,
                             Duration tickInterval, Duration signalSettleTime) {
}
