package io.momentum.streams.signals;

/**
 * A link between two nodes that signals follow beside the alignment tree: {@code from} contributes
 * to {@code to} (a contribution link) or feeds it in the impact chain (an impact link). Either way
 * {@code to} depends on {@code from}.
 *
 * @param type {@code contribution} or {@code impact}
 */
public record SignalLink(String fromId, String toId, String type) {
}
