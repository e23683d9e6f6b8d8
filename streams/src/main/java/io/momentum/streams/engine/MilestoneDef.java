package io.momentum.streams.engine;

import java.math.BigDecimal;

/** One milestone of a milestone key result; {@code weight} defaults to 1 when null. */
public record MilestoneDef(String id, String title, BigDecimal weight, boolean done) {
}
