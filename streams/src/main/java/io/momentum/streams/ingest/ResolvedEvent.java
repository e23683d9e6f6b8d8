package io.momentum.streams.ingest;

import io.momentum.streams.engine.NodeKind;
import io.momentum.streams.event.CloudEvent;

/** A valid event whose subject was found in its organisation's goal model. */
public record ResolvedEvent(CloudEvent event, String nodeId, NodeKind nodeKind, IngestRecord origin) {
}
