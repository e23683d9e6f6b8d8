package io.momentum.streams.engine;

/** Definition of an organisational unit; {@code parentId} is null for a top-level unit. */
public record UnitDef(String id, String orgId, String key, String name, UnitKind kind, String parentId) {
}
