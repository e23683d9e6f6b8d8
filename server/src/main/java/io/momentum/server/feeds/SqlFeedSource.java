package io.momentum.server.feeds;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of a SQL feed's query from its PostgreSQL source. Each read opens a pool of one
 * connection and closes it when the read ends, so no connection to a source outlives a run, and
 * a changed or deleted feed leaves no connection behind. The query runs in a {@code READ ONLY}
 * transaction with the feed's {@code statement_timeout}, and is rolled back after reading.
 */
final class SqlFeedSource {

  /** Time allowed for opening the TCP connection to a source. */
  static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  /** SQLSTATE of a statement cancelled by {@code statement_timeout}. */
  private static final String QUERY_CANCELED = "57014";

  /** The rows read: the result's column names and at most the requested number of rows. */
  record Result(List<String> columns, List<Row> rows, boolean more) {
  }

  /** Failure of a read, with a stable code and a message that names the fix, built without the password. */
  static final class ReadFailure extends RuntimeException {

    private final String code;

    ReadFailure(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  private final Vertx vertx;

  SqlFeedSource(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Connects to the source and reads at most {@code limit} rows of the feed's query.
   *
   * @return the rows, with {@code more} set when the query has further rows; or a failed future
   *     with a {@link ReadFailure} coded {@code connection_failed}, {@code superuser_role},
   *     {@code timeout} or {@code query_failed}
   */
  Future<Result> read(SqlFeedSettings feed, int limit) {
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(1).setName("sql-feed-" + java.util.UUID.randomUUID()))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS))
        .connectingTo(connectOptions(feed))
        .using(vertx)
        .build();
    return pool.getConnection()
        .recover(failure -> Future.failedFuture(new ReadFailure("connection_failed", "Connecting to " + feed.host() + ":"
            + feed.port() + "/" + feed.database() + " as " + feed.user() + " failed: " + describe(failure)
            + ". Check the host, port, database, user, password and SSL mode")))
        .compose(connection -> readRows(connection, feed, limit).eventually(connection::close))
        .eventually(pool::close);
  }

  private static Future<Result> readRows(SqlConnection connection, SqlFeedSettings feed, int limit) {
    return connection.begin()
        // SET TRANSACTION must come before any query of the transaction.
        .compose(transaction -> connection.query("SET TRANSACTION READ ONLY").execute()
            .compose(v -> connection.query("SET LOCAL statement_timeout = " + feed.timeoutSeconds() * 1000L).execute())
            .compose(v -> requireNotSuperuser(connection))
            .compose(v -> runQuery(connection, feed, limit))
            .eventually(transaction::rollback))
        .recover(failure -> Future.failedFuture(queryFailure(failure, feed)));
  }

  /**
   * Rejects a superuser: {@code READ ONLY} stops writes to tables, but a superuser can still read
   * the server's files and every database, which no feed needs.
   */
  private static Future<Void> requireNotSuperuser(SqlConnection connection) {
    return connection.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").execute()
        .compose(rows -> {
          boolean superuser = rows.size() > 0 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0));
          return superuser
              ? Future.failedFuture(new ReadFailure("superuser_role", "The feed's database user is a superuser; create a"
                  + " role that may only read the tables of the query (GRANT SELECT) and use it instead"))
              : Future.succeededFuture();
        });
  }

  private static Future<Result> runQuery(SqlConnection connection, SqlFeedSettings feed, int limit) {
    return connection.prepare(feed.query())
        .compose(statement -> {
          var cursor = statement.cursor();
          return cursor.read(limit)
              .map(rows -> {
                List<Row> read = new ArrayList<>(rows.size());
                rows.forEach(read::add);
                return new Result(List.copyOf(rows.columnsNames()), read, cursor.hasMore());
              })
              .eventually(cursor::close)
              .eventually(statement::close);
        });
  }

  private static Throwable queryFailure(Throwable failure, SqlFeedSettings feed) {
    if (failure instanceof ReadFailure) {
      return failure;
    }
    if (failure instanceof PgException pg && QUERY_CANCELED.equals(pg.getSqlState())) {
      return new ReadFailure("timeout", "The query ran longer than the feed's timeout of " + feed.timeoutSeconds()
          + " seconds and was cancelled; make it faster (an index, fewer rows) or raise timeoutSeconds");
    }
    return new ReadFailure("query_failed", "The query failed on the source: " + describe(failure));
  }

  /** Describes a failure of the source for the run log: PostgreSQL's message and SQLSTATE, or the exception's message. */
  private static String describe(Throwable failure) {
    if (failure instanceof PgException pg) {
      return pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")";
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  private static PgConnectOptions connectOptions(SqlFeedSettings feed) {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(feed.host())
        .setPort(feed.port())
        .setDatabase(feed.database())
        .setUser(feed.user())
        .setPassword(feed.password())
        .setCachePreparedStatements(false)
        .setSslMode(SslMode.of(feed.sslMode()));
    options.addProperty("application_name", "momentum-sql-feed");
    if ("verify-full".equals(feed.sslMode())) {
      options.setSslOptions(new ClientSSLOptions().setHostnameVerificationAlgorithm("HTTPS"));
    } else if (!"disable".equals(feed.sslMode())) {
      // libpq's prefer and require encrypt without checking the server's certificate.
      options.setSslOptions(new ClientSSLOptions().setTrustAll(true));
    }
    return options;
  }
}
