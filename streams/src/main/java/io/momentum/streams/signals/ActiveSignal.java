package io.momentum.streams.signals;

import io.vertx.core.json.JsonObject;

/** An unresolved signal as stored, which the detector compares its findings with after a rebuild. */
public record ActiveSignal(String fingerprint, String kind, String severity, JsonObject params) {
}
