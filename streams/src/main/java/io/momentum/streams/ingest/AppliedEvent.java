package io.momentum.streams.ingest;

/**
 * A newly stored event and whether the engine applied it: false for a late value, which is kept
 * in history but does not replace the current one.
 */
public record AppliedEvent(ResolvedEvent resolved, boolean applied) {
}
