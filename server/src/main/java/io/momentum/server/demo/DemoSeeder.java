package io.momentum.server.demo;

import io.momentum.server.auth.AuthService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the demo organisation {@value #ORG_ID}: an invented outdoor retailer with a company, three
 * business units and twelve teams, a strategy, this year and this quarter (and the previous quarter,
 * closed, from the second quarter on), about 40 objectives, about 120 key results of every
 * measurement kind, 20 KPIs and weeks of check-ins, measurements and work items up to the clock's
 * instant. A fixed random seed makes the content repeatable: two demos seeded at the same instant
 * differ only in their ids, and on another day the history moves along with the calendar.
 *
 * <p>An existing demo organisation is kept as it is, with the history it gathered. The demo user
 * and its API token are brought up to date on every call.
 */
public final class DemoSeeder {

  /** Id of the demo organisation. */
  public static final String ORG_ID = "demo";
  /** E-mail of the demo user. */
  public static final String EMAIL = "demo@momentum.local";
  /** Source of the seeded check-ins, measurements and work items. */
  public static final String SOURCE = "urn:momentum:demo-seed";

  private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
  private static final String USER_NAME = "Dana Demo";
  private static final String TOKEN_NAME = "demo";
  private static final String TOKEN_PREFIX = "mtm_";
  private static final List<String> TOKEN_SCOPES = List.of("read", "write");

  /** The demo user's credentials, shown to the operator at start. */
  public record Login(String email, String password, String token) {
  }

  private final Pool pool;
  private final AuthService auth;
  private final Clock clock;

  public DemoSeeder(Pool pool, AuthService auth, Clock clock) {
    this.pool = pool;
    this.auth = auth;
    this.clock = clock;
  }

  /**
   * Seeds the organisation when it does not exist, then makes sure the demo user has
   * {@code password} and an API token.
   *
   * @param tokenOrEmpty the token to store (it must start with {@code mtm_}), or empty to create a
   *     random token; the token created on an earlier start is revoked, so only the token returned
   *     here works
   * @return a future of the login; it fails when the token or password is invalid
   */
  public Future<Login> seed(String password, String tokenOrEmpty) {
    if (password == null || password.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException(
          "The demo password is empty; set a password for the demo user"));
    }
    String token = tokenOrEmpty == null ? "" : tokenOrEmpty.trim();
    if (!token.isEmpty() && !token.startsWith(TOKEN_PREFIX)) {
      return Future.failedFuture(new IllegalArgumentException("MOMENTUM_DEMO_TOKEN must start with \""
          + TOKEN_PREFIX + "\"; set it to a value such as mtm_demo_0123456789 or leave it empty for a random token"));
    }
    return seedOrganisation()
        .compose(v -> ensureUser(password))
        .compose(userId -> ensureToken(userId, token))
        .map(text -> new Login(EMAIL, password, text));
  }

  /**
   * Sets the close time and closer of cycles that an earlier version of the seed stored as closed
   * without them, to the values the seed writes now. Cycles closed through the API have both already.
   */
  private static Future<Void> dateSeededClosings(SqlConnection connection) {
    return connection.preparedQuery("""
            UPDATE cycles SET closed_at = (end_date + 1)::timestamp AT TIME ZONE 'UTC', closed_by = $2
            WHERE org_id = $1 AND closed AND closed_at IS NULL""")
        .execute(Tuple.of(ORG_ID, SOURCE))
        .onSuccess(rows -> {
          if (rows.rowCount() > 0) {
            LOG.info("Set the close time of {} closed demo cycles seeded without one", rows.rowCount());
          }
        })
        .mapEmpty();
  }

  private Future<Void> seedOrganisation() {
    long started = System.nanoTime();
    Instant now = clock.instant();
    return hash("unusable-" + UUID.randomUUID()).compose(peopleHash -> pool.withTransaction(connection -> connection
            .preparedQuery("""
                INSERT INTO organisations (id, name, settings, created_at) VALUES ($1, $2, $3::jsonb, $4)
                ON CONFLICT (id) DO NOTHING""")
            .execute(Tuple.of(ORG_ID, DemoCatalog.COMPANY_NAME, new JsonObject().put("staleAfterDays", 7).encode(),
                DemoPlanner.organisationCreatedAt(now).atOffset(ZoneOffset.UTC)))
            .compose(inserted -> {
              if (inserted.rowCount() == 0) {
                return dateSeededClosings(connection).map((SeedPlan) null);
              }
              SeedPlan plan = DemoPlanner.plan(now);
              return new SeedWriter(connection, ORG_ID, SOURCE).write(plan)
                  .compose(v -> new OutcomeSeed(connection, ORG_ID, SOURCE, now, peopleHash).write(plan))
                  .map(plan);
            })))
        .onSuccess(plan -> {
          if (plan == null) {
            LOG.info("Demo organisation {} exists; keeping its data and history", ORG_ID);
          } else {
            LOG.info("Seeded demo organisation {} ({}) in {} ms: {} units, {} objectives, {} key results, {} KPIs, "
                    + "{} check-ins, {} measurements, {} work items", ORG_ID, DemoCatalog.COMPANY_NAME,
                (System.nanoTime() - started) / 1_000_000, plan.units.size(), plan.objectives.size(),
                plan.keyResults.size(), plan.kpis.size(), plan.checkIns.size(), plan.measurements.size(),
                plan.workItems.size());
          }
        })
        .mapEmpty();
  }

  /** Creates the demo user, or updates its name, role and password hash; completes with its id. */
  private Future<UUID> ensureUser(String password) {
    return pool.preparedQuery("SELECT id, org_id FROM users WHERE lower(email) = lower($1)")
        .execute(Tuple.of(EMAIL))
        .compose(rows -> {
          if (rows.size() == 0) {
            return hash(password).compose(hash -> pool.preparedQuery("""
                    INSERT INTO users (id, org_id, email, name, password_hash, role) VALUES ($1, $2, $3, $4, $5, 'admin')
                    ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = EXCLUDED.password_hash
                    RETURNING id""")
                .execute(Tuple.of(UUID.randomUUID(), ORG_ID, EMAIL, USER_NAME, hash))
                .map(inserted -> inserted.iterator().next().getUUID("id")));
          }
          Row row = rows.iterator().next();
          UUID id = row.getUUID("id");
          if (!ORG_ID.equals(row.getString("org_id"))) {
            return Future.failedFuture(new IllegalStateException("The user " + EMAIL + " belongs to organisation "
                + row.getString("org_id") + ", not to the demo; remove that user or use another database"));
          }
          return auth.login(EMAIL, password).compose(caller -> {
            Future<String> newHash = caller != null ? Future.succeededFuture(null) : hash(password);
            return newHash.compose(hash -> pool.preparedQuery("""
                    UPDATE users SET name = $2, role = 'admin', password_hash = coalesce($3, password_hash)
                    WHERE id = $1""")
                .execute(Tuple.of(id, USER_NAME, hash)))
                .onSuccess(v -> {
                  if (caller == null) {
                    LOG.info("Updated the password of the demo user {}", EMAIL);
                  }
                })
                .map(id);
          });
        });
  }

  private Future<String> ensureToken(UUID userId, String token) {
    if (!token.isEmpty()) {
      return auth.storeToken(ORG_ID, TOKEN_NAME, TOKEN_SCOPES, userId, token).map(token);
    }
    return pool.preparedQuery("""
            UPDATE api_tokens SET revoked_at = now() WHERE org_id = $1 AND name = $2 AND revoked_at IS NULL""")
        .execute(Tuple.of(ORG_ID, TOKEN_NAME))
        .compose(v -> auth.createToken(ORG_ID, TOKEN_NAME, TOKEN_SCOPES, userId));
  }

  /** Hashes on a worker thread when called on a Vert.x context, because PBKDF2 takes tens of milliseconds. */
  private Future<String> hash(String password) {
    Callable<String> hashing = () -> auth.hashPassword(password);
    Context context = Vertx.currentContext();
    if (context == null) {
      try {
        return Future.succeededFuture(hashing.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return context.executeBlocking(hashing, false);
  }
}
