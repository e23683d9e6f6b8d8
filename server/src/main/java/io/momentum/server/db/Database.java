package io.momentum.server.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL system of record: either a real server started from the binaries in a Maven jar
 * ({@code embedded}), or the server of a {@code postgresql://} URL. The database is created when
 * missing and migrated by Flyway; runtime SQL goes through the reactive pool.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final String EMBEDDED_DATABASE = "momentum";

  private final PgConnectOptions connectOptions;
  private final EmbeddedPostgres embedded;
  private Pool pool;

  private Database(PgConnectOptions connectOptions, EmbeddedPostgres embedded) {
    this.connectOptions = connectOptions;
    this.embedded = embedded;
  }

  /**
   * Starts the embedded server with its data under {@code dataDir}, keeping data between runs.
   * Blocks for one to three seconds.
   */
  public static Database embedded(Path dataDir) throws IOException {
    Path pgData = dataDir.resolve("postgres");
    Files.createDirectories(pgData);
    long started = System.nanoTime();
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setServerConfig("max_connections", "100")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .start();
    LOG.info("Started embedded PostgreSQL on 127.0.0.1:{} in {} ms, data in {}", postgres.getPort(),
        (System.nanoTime() - started) / 1_000_000, pgData);
    PgConnectOptions options = new PgConnectOptions()
        .setHost("127.0.0.1")
        .setPort(postgres.getPort())
        .setUser("postgres")
        .setPassword("postgres")
        .setDatabase(EMBEDDED_DATABASE);
    return new Database(options, postgres);
  }

  /** Uses the server and database of a {@code postgresql://} URL. */
  public static Database external(String url) {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    if (options.getDatabase() == null || options.getDatabase().isBlank()) {
      options.setDatabase(EMBEDDED_DATABASE);
    }
    return new Database(options, null);
  }

  /** Connection settings of the database, for clients other than the pool (benchmarks, tests). */
  public PgConnectOptions connectOptions() {
    return connectOptions;
  }

  /**
   * Creates the database when missing and applies the migrations, on a worker thread, then opens
   * the reactive pool.
   */
  public Future<Pool> open(Vertx vertx, int poolSize) {
    return vertx.executeBlocking(() -> {
      createDatabaseIfMissing();
      migrate();
      return null;
    }).map(v -> {
      // Connections spread over the event loops, so that one event loop does not carry every query.
      int eventLoops = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
      pool = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(poolSize).setName("momentum").setShared(true).setEventLoopSize(eventLoops))
          .connectingTo(new PgConnectOptions(connectOptions).setPipeliningLimit(16))
          .using(vertx)
          .build();
      return pool;
    });
  }

  /** The reactive pool; only after {@link #open}. */
  public Pool pool() {
    return pool;
  }

  private void createDatabaseIfMissing() throws SQLException {
    String database = connectOptions.getDatabase();
    try (Connection connection = jdbc("postgres");
         PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
      }
      LOG.info("Created database {} on {}:{}", database, connectOptions.getHost(), connectOptions.getPort());
    }
  }

  private void migrate() {
    long started = System.nanoTime();
    var result = Flyway.configure()
        .dataSource(jdbcUrl(connectOptions.getDatabase()), connectOptions.getUser(), connectOptions.getPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    LOG.info("Database {} is at schema version {} ({} migrations applied in {} ms)",
        connectOptions.getDatabase(), result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
        result.migrationsExecuted, (System.nanoTime() - started) / 1_000_000);
  }

  private Connection jdbc(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", connectOptions.getUser());
    if (connectOptions.getPassword() != null) {
      props.setProperty("password", connectOptions.getPassword());
    }
    return DriverManager.getConnection(jdbcUrl(database), props);
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://" + connectOptions.getHost() + ":" + connectOptions.getPort() + "/" + database;
  }

  /** Closes the pool and stops the embedded server, if any. */
  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
    if (embedded != null) {
      try {
        embedded.close();
        LOG.info("Stopped embedded PostgreSQL");
      } catch (IOException e) {
        LOG.warn("Stopping embedded PostgreSQL failed", e);
      }
    }
  }
}
