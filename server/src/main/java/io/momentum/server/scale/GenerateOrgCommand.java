package io.momentum.server.scale;

import io.momentum.server.auth.AuthService;
import io.momentum.server.config.ConfigLoader;
import io.momentum.server.config.MomentumConfig;
import io.momentum.server.db.Database;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code java -jar momentum.jar generate-org}: writes a {@link SyntheticOrg} into the configured
 * database and prints an API token for it, then exits. Capacity benchmarks start a node on the
 * same data afterwards.
 */
public final class GenerateOrgCommand {

  private GenerateOrgCommand() {
  }

  /** Returns the lines {@code --help} shows for this command and its own options. */
  public static String usage() {
    return "  generate-org  write a synthetic organisation for capacity benchmarks and print its API token;\n"
        + "                its options: --org ID (default scale), --teams N (default 1000, about 100 nodes each)\n";
  }

  /**
   * Runs the command with the arguments after its name; returns the process exit code.
   *
   * @throws Exception when the database cannot be started or written
   */
  public static int run(List<String> args) throws Exception {
    List<String> rest = new ArrayList<>(args);
    String orgId = take(rest, "--org", "scale");
    int teams = Integer.parseInt(take(rest, "--teams", "1000"));
    if (!orgId.matches("^[a-z0-9][a-z0-9-]{0,62}$") || teams < 20) {
      System.err.println("Invalid option: --org must be lower-case letters, digits and dashes,"
          + " and --teams at least 20 (one per business unit)");
      return 2;
    }
    MomentumConfig config = ConfigLoader.load(rest);
    SyntheticOrg.Shape defaults = SyntheticOrg.Shape.defaults();
    SyntheticOrg.Shape shape = new SyntheticOrg.Shape(defaults.businessUnits(), teams, defaults.objectivesPerTeam(),
        defaults.keyResultsPerObjective(), defaults.kpisPerTeam(), defaults.checkInsPerKeyResult());
    Vertx vertx = Vertx.vertx();
    try (Database database = config.isEmbeddedPostgres() ? Database.embedded(config.dataDir())
        : Database.external(config.pgUrl())) {
      Pool pool = database.open(vertx, 4).await();
      new SyntheticOrg(pool).create(orgId, shape, Instant.now()).await();
      AuthService auth = new AuthService(vertx, pool);
      UUID userId = UUID.randomUUID();
      String email = "bench@" + orgId + ".example";
      String passwordHash = vertx.executeBlocking(() -> auth.hashPassword(UUID.randomUUID().toString())).await();
      pool.preparedQuery("INSERT INTO users (id, org_id, email, name, password_hash, role) VALUES ($1, $2, $3, $4, $5, 'admin')")
          .execute(Tuple.of(userId, orgId, email, "Benchmark", passwordHash)).await();
      String token = auth.createToken(orgId, "benchmark", List.of("read", "write"), userId).await();
      System.out.println("organisation " + orgId + ": " + shape.nodes() + " nodes");
      System.out.println("token " + token);
      pool.close().await();
      return 0;
    } finally {
      vertx.close().await();
    }
  }

  private static String take(List<String> args, String flag, String fallback) {
    int index = args.indexOf(flag);
    if (index < 0) {
      return fallback;
    }
    if (index + 1 >= args.size()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    String value = args.get(index + 1);
    args.remove(index + 1);
    args.remove(index);
    return value;
  }
}
