package io.momentum.streams.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.momentum.streams.live.LiveStateStore;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

/** Builds the Hazelcast configuration of a Momentum node: loopback-safe networking and the live-state maps. */
public final class HazelcastSetup {

  private HazelcastSetup() {
  }

  /** Returns the Vert.x cluster defaults plus Momentum's network and map settings. */
  public static Config config(ClusterSettings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(true).setPortCount(100);
    network.setPublicAddress(settings.host());
    network.getInterfaces().setEnabled(true).addInterface(settings.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    settings.members().forEach(join.getTcpIpConfig()::addMember);

    config.addMapConfig(new MapConfig(LiveStateStore.NODES_MAP).setBackupCount(1));
    config.addMapConfig(new MapConfig(LiveStateStore.BOARDS_MAP).setBackupCount(1));
    config.addMapConfig(new MapConfig(LiveStateStore.EPOCHS_MAP).setBackupCount(1));
    return config;
  }
}
