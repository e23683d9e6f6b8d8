package io.momentum.streams.ingest;

/** Identity of an event: CloudEvents {@code source} and {@code id}, scoped by organisation. */
public record EventKey(String orgId, String source, String id) {
}
