package io.momentum.server.demo;

import io.momentum.server.auth.AuthService;
import io.momentum.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real embedded PostgreSQL server with the production schema, and the queries the demo tests share. */
final class DemoDatabase implements AutoCloseable {

  final Database database;
  final Pool pool;
  final AuthService auth;

  private DemoDatabase(Database database, Pool pool, AuthService auth) {
    this.database = database;
    this.pool = pool;
    this.auth = auth;
  }

  /** Starts the server under {@code dataDir} and migrates it; blocks for a few seconds. */
  static DemoDatabase start(Vertx vertx, Path dataDir) throws IOException {
    Database database = Database.embedded(dataDir);
    Pool pool = database.open(vertx, 4).await();
    return new DemoDatabase(database, pool, new AuthService(vertx, pool));
  }

  /** Completes with the single number that {@code sql} selects. */
  Future<Long> count(String sql) {
    return pool.query(sql).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** Completes with every row {@code sql} selects. */
  Future<List<Row>> rows(String sql) {
    return pool.query(sql).execute().map(rows -> {
      List<Row> list = new ArrayList<>();
      rows.forEach(list::add);
      return list;
    });
  }

  /** Completes with the first column of every row {@code sql} selects, as text. */
  Future<List<String>> strings(String sql) {
    return rows(sql).map(rows -> rows.stream().map(row -> row.getValue(0) == null ? null : String.valueOf(row.getValue(0))).toList());
  }

  @Override
  public void close() {
    database.close();
  }
}
