package io.momentum.streams.ingest;

import io.momentum.streams.engine.NodeState;

/**
 * A newly stored event and whether the engine applied it: false for a late value, which is kept
 * in history but does not replace the current one.
 *
 * @param node the state of the event's node right after the event, for outbound changes that
 *     describe the node (a check-in names its key result's key and title)
 */
public record AppliedEvent(ResolvedEvent resolved, boolean applied, NodeState node) {
}
