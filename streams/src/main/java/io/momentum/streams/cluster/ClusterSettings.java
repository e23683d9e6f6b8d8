package io.momentum.streams.cluster;

import java.util.List;

/**
 * How this node joins the Hazelcast cluster.
 *
 * @param name cluster name; members with another name never join
 * @param host address this node binds and announces (Hazelcast and the event bus)
 * @param port first Hazelcast port to try; the next ones are tried when it is taken
 * @param members TCP-IP members to join ({@code host} or {@code host:port}); empty means a single node
 */
public record ClusterSettings(String name, String host, int port, List<String> members) {

  public ClusterSettings {
    members = List.copyOf(members);
  }
}
