package io.momentum.server.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Reads the settings with Vert.x Config: the defaults, then the {@code MOMENTUM_*} environment
 * variables, then the command-line options, later stores overriding earlier ones.
 */
public final class ConfigLoader {

  private ConfigLoader() {
  }

  /** Loads the settings; blocks, so call it from the main thread before the node starts. */
  public static MomentumConfig load(List<String> options) {
    JsonArray keys = new JsonArray();
    MomentumConfig.OPTIONS.forEach(o -> keys.add(o.key()));
    ConfigRetrieverOptions retrieverOptions = new ConfigRetrieverOptions()
        .setScanPeriod(-1)
        .addStore(new ConfigStoreOptions().setType("json").setConfig(MomentumConfig.defaults()))
        .addStore(new ConfigStoreOptions().setType("env")
            .setConfig(new JsonObject().put("keys", keys).put("raw-data", true)))
        .addStore(new ConfigStoreOptions().setType("json").setConfig(MomentumConfig.fromArguments(options)));
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject raw = ConfigRetriever.create(vertx, retrieverOptions).getConfig().await();
      return MomentumConfig.from(raw);
    } finally {
      vertx.close();
    }
  }
}
