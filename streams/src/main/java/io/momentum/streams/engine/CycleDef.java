package io.momentum.streams.engine;

import java.time.LocalDate;

/**
 * Definition of a planning cycle. It runs from 00:00 UTC of {@code start} to 00:00 UTC of the day
 * after {@code end}.
 */
public record CycleDef(
    String id, String orgId, String key, String name, CycleKind kind, String parentId,
    LocalDate start, LocalDate end, boolean closed) {
}
