package io.momentum.server;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.app.Services;
import io.momentum.server.config.ConfigLoader;
import io.momentum.server.config.MomentumConfig;
import io.momentum.server.demo.DemoPublisher;
import io.momentum.server.demo.DemoSeeder;
import io.momentum.server.scale.GenerateOrgCommand;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Command line of {@code momentum.jar}: {@code demo}, {@code serve}, {@code generate-org} and {@code --help}. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    if (rest.isEmpty() || rest.contains("--help") || rest.contains("-h")) {
      System.out.println(usage());
      System.exit(rest.isEmpty() ? 2 : 0);
      return;
    }
    String command = rest.remove(0);
    MomentumNode.Mode mode;
    switch (command) {
      case "demo" -> mode = MomentumNode.Mode.DEMO;
      case "serve" -> mode = MomentumNode.Mode.SERVE;
      case "generate-org" -> {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(GenerateOrgCommand.run(rest));
        return;
      }
      default -> {
        System.err.println("Unknown command \"" + command + "\"; use demo, serve or generate-org (see --help)");
        System.exit(2);
        return;
      }
    }
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    MomentumConfig config;
    try {
      config = ConfigLoader.load(rest);
    } catch (IllegalArgumentException e) {
      System.err.println("Invalid option: " + e.getMessage());
      System.exit(2);
      return;
    }
    MomentumNode node;
    try {
      node = MomentumNode.start(config, mode, new DemoHooks());
    } catch (Exception e) {
      java.net.BindException taken = bindFailure(e);
      if (taken != null) {
        LOG.error("Momentum failed to start: the HTTP address {}:{} is in use ({}); stop what listens there or choose"
            + " another port with --http-port or MOMENTUM_HTTP_PORT", config.httpHost(), config.httpPort(), taken.getMessage());
      } else {
        LOG.error("Momentum failed to start", e);
      }
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "momentum-shutdown"));
    System.out.println();
    System.out.println("  Momentum is running: " + node.url());
    if (mode == MomentumNode.Mode.DEMO) {
      JsonObject login = node.services().demoLogin();
      System.out.println("  Log in as " + login.getString("email") + " with password " + login.getString("password"));
    }
    System.out.println("  Stop it with Ctrl+C.");
    System.out.println();
    stopped.await();
  }

  /** Finds the bind failure in a start failure's causes, or null when there is none. */
  private static java.net.BindException bindFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException bind) {
        return bind;
      }
    }
    return null;
  }

  static String usage() {
    StringBuilder text = new StringBuilder();
    text.append("Momentum: a living OKR and outcome-management platform\n\n");
    text.append("Usage: java -jar momentum.jar <demo|serve|generate-org> [options]\n\n");
    text.append("  demo          start one node with the demo organisation and simulated event traffic\n");
    text.append("  serve         start one node without demo data\n");
    text.append(GenerateOrgCommand.usage()).append("\n");
    text.append("Options (each also read from the environment variable in brackets):\n");
    for (MomentumConfig.Option option : MomentumConfig.OPTIONS) {
      text.append(String.format("  %-22s %s [%s, default: %s]%n", option.flag() + " VALUE", option.help(),
          option.key(), option.defaultValue().isEmpty() ? "empty" : option.defaultValue()));
    }
    return text.toString();
  }

  /** Seeds the demo organisation and starts its publisher. */
  private static final class DemoHooks implements MomentumNode.DemoHooks {

    @Override
    public Future<JsonObject> seed(Services services) {
      return new DemoSeeder(services.pool(), services.auth(), services.clock())
          .seed(services.config().demoPassword(), services.config().demoToken())
          .map(login -> {
            return new JsonObject().put("email", login.email()).put("password", login.password()).put("token", login.token());
          });
    }

    @Override
    public Future<Void> startPublisher(Vertx vertx, Services services) {
      MomentumConfig config = services.config();
      return vertx.deployVerticle(new DemoPublisher(services.pool(), services.kafkaBootstrap(), config.demoRate(), services.clock()))
          .mapEmpty();
    }
  }
}
