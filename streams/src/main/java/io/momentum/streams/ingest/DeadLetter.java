package io.momentum.streams.ingest;

/** A record that could not be processed, parked with the reason. {@code orgId} is null when unknown. */
public record DeadLetter(String orgId, String topic, int partition, long offset, String key,
                         String payload, String reason) {

  /** Builds the dead letter of a consumed record. */
  public static DeadLetter of(IngestRecord record, String orgId, String reason) {
    return new DeadLetter(orgId, record.topic(), record.partition(), record.offset(), record.key(),
        record.value(), reason);
  }
}
