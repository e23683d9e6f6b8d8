package io.momentum.streams.ingest;

/** A Kafka record as consumed, before it is parsed: where it came from and its text. */
public record IngestRecord(String topic, int partition, long offset, String key, String value) {
}
