package io.momentum.server.feeds;

import io.momentum.server.http.BodyReader;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of a SQL feed: where its PostgreSQL source is, which query it runs, how the
 * result columns map to KPI values, and how often it runs.
 *
 * @param password null in a partial update that keeps the stored password
 * @param timeColumn null when values take the time of the run
 * @param timeoutSeconds the query's {@code statement_timeout}
 * @param maxRows the most rows one run reads; a query that returns more fails the run
 */
record SqlFeedSettings(String name, String host, int port, String database, String user, String password, String sslMode,
                       String query, String kpiColumn, String valueColumn, String timeColumn, int intervalMinutes,
                       int timeoutSeconds, int maxRows, boolean enabled) {

  /** SSL modes offered, with libpq's meaning; {@code verify-full} trusts the JVM's default certificate authorities. */
  static final List<String> SSL_MODES = List.of("disable", "prefer", "require", "verify-full");
  static final int DEFAULT_PORT = 5432;
  static final int MAX_INTERVAL_MINUTES = 7 * 24 * 60;
  static final int DEFAULT_INTERVAL_MINUTES = 60;
  static final int MAX_TIMEOUT_SECONDS = 600;
  static final int DEFAULT_TIMEOUT_SECONDS = 60;
  static final int MAX_ROWS = 50_000;

  /** The fields a PATCH may change; the password is read separately because it is never returned. */
  static final List<String> FIELDS = List.of("name", "host", "port", "database", "user", "sslMode", "query", "kpiColumn",
      "valueColumn", "timeColumn", "intervalMinutes", "timeoutSeconds", "maxRows", "enabled");

  /**
   * A host name, IPv4 address or bracket-free IPv6 address. NOTE: any host the node can reach
   * is accepted, including the server of Momentum's own database, so only network rules and the
   * superuser check keep a feed away from data it should not read.
   */
  private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9._:%-]{1,255}$");

  /** Reads and checks the settings of a body; every problem is added to the reader's errors. */
  static SqlFeedSettings read(BodyReader body, boolean passwordRequired) {
    String name = body.text("name", 100, true);
    String host = body.text("host", 255, true);
    if (host != null && !HOST.matcher(host).matches()) {
      body.reject("host", "host_format", "must be a host name or IP address such as \"bi.example.com\", not \"" + host + "\"",
          new JsonObject().put("value", host));
    }
    Integer port = body.integer("port", 1, 65_535, false);
    String database = body.text("database", 63, true);
    String user = body.text("user", 63, true);
    String password = body.text("password", 1000, passwordRequired);
    String sslMode = body.oneOf("sslMode", SSL_MODES, false);
    String query = body.text("query", SqlFeedQuery.MAX_LENGTH, true);
    if (query != null) {
      SqlFeedQuery.Problem problem = SqlFeedQuery.check(query);
      if (problem != null) {
        body.reject("query", problem.code(), problem.message(), null);
      }
    }
    String kpiColumn = column(body, "kpiColumn", true);
    String valueColumn = column(body, "valueColumn", true);
    String timeColumn = column(body, "timeColumn", false);
    Integer interval = body.integer("intervalMinutes", 1, MAX_INTERVAL_MINUTES, false);
    Integer timeout = body.integer("timeoutSeconds", 1, MAX_TIMEOUT_SECONDS, false);
    Integer maxRows = body.integer("maxRows", 1, MAX_ROWS, false);
    Boolean enabled = body.bool("enabled", false);
    return new SqlFeedSettings(name, host, port == null ? DEFAULT_PORT : port, database, user, password,
        sslMode == null ? "prefer" : sslMode, query, kpiColumn, valueColumn, timeColumn,
        interval == null ? DEFAULT_INTERVAL_MINUTES : interval, timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout,
        maxRows == null ? MAX_ROWS : maxRows, enabled == null || enabled);
  }

  /** Reads a result column name, as the query's result names it (case-sensitive). */
  private static String column(BodyReader body, String field, boolean required) {
    return body.text(field, 63, required);
  }

  /** Returns the settings of a stored feed, with its password. */
  static SqlFeedSettings of(Row row) {
    return new SqlFeedSettings(row.getString("name"), row.getString("host"), row.getInteger("port"),
        row.getString("database_name"), row.getString("username"), row.getString("password"), row.getString("ssl_mode"),
        row.getString("query"), row.getString("kpi_column"), row.getString("value_column"), row.getString("time_column"),
        row.getInteger("interval_minutes"), row.getInteger("timeout_seconds"), row.getInteger("max_rows"),
        row.getBoolean("enabled"));
  }

  /** Returns the settings without the password, as the API shows them. */
  JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("host", host)
        .put("port", port)
        .put("database", database)
        .put("user", user)
        .put("passwordSet", true)
        .put("sslMode", sslMode)
        .put("query", query)
        .put("kpiColumn", kpiColumn)
        .put("valueColumn", valueColumn)
        .put("timeColumn", timeColumn)
        .put("intervalMinutes", intervalMinutes)
        .put("timeoutSeconds", timeoutSeconds)
        .put("maxRows", maxRows)
        .put("enabled", enabled);
  }

  /** Returns these settings with another password. */
  SqlFeedSettings withPassword(String newPassword) {
    return new SqlFeedSettings(name, host, port, database, user, newPassword, sslMode, query, kpiColumn, valueColumn,
        timeColumn, intervalMinutes, timeoutSeconds, maxRows, enabled);
  }

  @Override
  public String toString() {
    // Leaves the password out, so that logging the settings never writes it.
    return "SqlFeedSettings[" + name + ", " + user + "@" + host + ":" + port + "/" + database + "]";
  }
}
