package io.momentum.server.auth;

import io.momentum.server.http.ApiException;
import io.momentum.streams.event.FieldError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.auth.hashing.HashingStrategy;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords of people and API tokens of services. Passwords are stored as salted PBKDF2 hashes;
 * tokens are 256-bit random strings stored as SHA-256 hashes (a fast hash is enough for a secret
 * with that much entropy), so the database never holds a usable credential.
 */
public final class AuthService {

  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
  private static final String TOKEN_PREFIX = "mtm_";
  /** Characters of a token kept in {@code token_prefix} so people can tell their tokens apart. */
  static final int PREFIX_LENGTH = 8;
  /**
   * Finds an active token by its hash and, when its last use was over a minute ago, records this
   * use. The UPDATE runs in the same statement, so a request needs one round trip either way.
   */
  private static final String AUTHENTICATE_TOKEN = """
      WITH found AS (
        SELECT id, org_id, name, scopes, last_used_at FROM api_tokens
        WHERE token_hash = $1 AND revoked_at IS NULL),
      touched AS (
        UPDATE api_tokens SET last_used_at = now() FROM found
        WHERE api_tokens.id = found.id
          AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
        RETURNING api_tokens.id)
      SELECT id, org_id, name, scopes FROM found""";
  /** The granted units of a token with all their sub-units, within the token's organisation. */
  private static final String UNITS_IN_SCOPE = """
      WITH RECURSIVE tree AS (
        SELECT id FROM units WHERE org_id = $1 AND id = ANY($2)
        UNION
        SELECT u.id FROM units u JOIN tree ON u.parent_id = tree.id WHERE u.org_id = $1)
      SELECT id FROM tree""";
  private static final String PBKDF2_ITERATIONS = "120000";

  private final Vertx vertx;
  private final Pool pool;
  private final HashingStrategy hashing = HashingStrategy.load();
  private final SecureRandom random = new SecureRandom();
  /** Hash checked when the e-mail is unknown, so that a login takes as long either way. */
  private final String decoyHash;

  public AuthService(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
    this.decoyHash = hashPassword("decoy-password-" + random.nextLong());
  }

  /** Returns the stored form of a password: {@code $pbkdf2$it=...$salt$hash}. Takes tens of milliseconds. */
  public String hashPassword(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return hashing.hash("pbkdf2", Map.of("it", PBKDF2_ITERATIONS),
        Base64.getEncoder().withoutPadding().encodeToString(salt), password);
  }

  /** Completes with the person whose e-mail and password match, or with null. */
  public Future<Caller> login(String email, String password) {
    return pool.preparedQuery("SELECT id, org_id, name, email, password_hash, role FROM users WHERE lower(email) = lower($1)")
        .execute(Tuple.of(email))
        .compose(rows -> {
          Row row = rows.size() == 0 ? null : rows.iterator().next();
          String hash = row == null ? decoyHash : row.getString("password_hash");
          return vertx.executeBlocking(() -> hashing.verify(hash, password), false)
              .map(matches -> {
                if (row == null || !matches) {
                  return null;
                }
                return new Caller("user", row.getUUID("id").toString(), row.getString("org_id"),
                    row.getString("name"), row.getString("email"),
                    "admin".equals(row.getString("role")) ? List.of("read", "write", "admin") : List.of("read", "write"));
              });
        });
  }

  /**
   * Completes with the caller a bearer token stands for, or with null when it is unknown or
   * revoked. Every call reads the token's row, so a revocation on any node takes effect on the
   * next request. {@code last_used_at} is written at most once a minute per token, so a busy
   * token does not write a row on every request. For a token limited to units, the units' sub-units
   * are read on every call as well, so the scope follows the unit tree as it is now.
   */
  public Future<Caller> authenticateToken(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery(AUTHENTICATE_TOKEN)
        .execute(Tuple.of(sha256(token)))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          return new Caller("token", row.getUUID("id").toString(), row.getString("org_id"),
              row.getString("name"), null, scopes(row.getValue("scopes")));
        })
        .compose(caller -> caller == null ? Future.succeededFuture() : resolveUnits(caller));
  }

  /** Completes with the caller whose scope contains its granted units and all their sub-units. */
  private Future<Caller> resolveUnits(Caller caller) {
    List<UUID> granted = TokenScope.grantedUnits(caller.scopes());
    if (granted.isEmpty()) {
      return Future.succeededFuture(caller);
    }
    return pool.preparedQuery(UNITS_IN_SCOPE)
        .execute(Tuple.tuple().addString(caller.orgId()).addArrayOfUUID(granted.toArray(UUID[]::new)))
        .map(rows -> {
          Set<UUID> inScope = new HashSet<>();
          rows.forEach(unit -> inScope.add(unit.getUUID("id")));
          return new Caller(caller.kind(), caller.id(), caller.orgId(), caller.name(), caller.email(), caller.scopes(),
              new TokenScope(granted, inScope, TokenScope.grantedKinds(caller.scopes())));
        });
  }

  /**
   * Creates a token named {@code name} and completes with its id and text. The text is returned
   * only here and never stored. Fails with 409 when an active token of the organisation already
   * has this name.
   */
  public Future<IssuedToken> issueToken(String orgId, String name, List<String> scopes, UUID createdBy) {
    String token = newTokenText();
    UUID id = UUID.randomUUID();
    // NOTE: two concurrent requests with the same name can both pass NOT EXISTS, because no
    // unique index covers (org_id, name) of active tokens. Both tokens then work and list apart.
    return pool.preparedQuery("""
            INSERT INTO api_tokens (id, org_id, name, token_hash, token_prefix, scopes, created_by)
            SELECT $1, $2, $3, $4, $5, $6::jsonb, $7
            WHERE NOT EXISTS (SELECT 1 FROM api_tokens WHERE org_id = $2 AND name = $3 AND revoked_at IS NULL)
            RETURNING id""")
        .execute(Tuple.of(id, orgId, name, sha256(token), token.substring(0, PREFIX_LENGTH),
            new JsonArray(scopes).encode(), createdBy))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new ApiException(409, "conflict", "An active API token of your organisation is"
                + " named \"" + name + "\"; choose another name or revoke that token first",
                List.of(FieldError.of("name", "token_name_taken", "is the name of an active token"))));
          }
          LOG.info("Issued API token {} ({}...) named {} for organisation {}", id, token.substring(0, PREFIX_LENGTH),
              name, orgId);
          return Future.succeededFuture(new IssuedToken(id, token, token.substring(0, PREFIX_LENGTH)));
        });
  }

  /** A token just created: its id, its full text (shown once) and the prefix stored to recognise it. */
  public record IssuedToken(UUID id, String text, String prefix) {
  }

  /** Creates a token and completes with its text, which is shown once and never stored. */
  public Future<String> createToken(String orgId, String name, List<String> scopes, UUID createdBy) {
    String token = newTokenText();
    return storeToken(orgId, name, scopes, createdBy, token).map(token);
  }

  /** Stores a token whose text the operator chose (the demo token), replacing a token of the same name. */
  public Future<Void> storeToken(String orgId, String name, List<String> scopes, UUID createdBy, String token) {
    if (!token.startsWith(TOKEN_PREFIX)) {
      return Future.failedFuture(new IllegalArgumentException("API tokens start with " + TOKEN_PREFIX));
    }
    return pool.withTransaction(connection -> connection
        .preparedQuery("UPDATE api_tokens SET revoked_at = now() WHERE org_id = $1 AND name = $2 AND revoked_at IS NULL")
        .execute(Tuple.of(orgId, name))
        .compose(v -> connection.preparedQuery("""
                INSERT INTO api_tokens (id, org_id, name, token_hash, token_prefix, scopes, created_by)
                VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
                ON CONFLICT (token_hash) DO UPDATE SET revoked_at = NULL, name = EXCLUDED.name""")
            .execute(Tuple.of(UUID.randomUUID(), orgId, name, sha256(token), token.substring(0, PREFIX_LENGTH),
                new JsonArray(scopes).encode(), createdBy)))
        .onSuccess(v -> {
          LOG.info("Stored API token {}... named {} for organisation {}", token.substring(0, 8), name, orgId);
        })
        .mapEmpty());
  }

  private String newTokenText() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** Reads the {@code scopes} jsonb column, which the client returns as an array or as its text. */
  static List<String> scopes(Object rawScopes) {
    List<String> scopes = new ArrayList<>();
    JsonArray array = rawScopes instanceof JsonArray a ? a : new JsonArray(String.valueOf(rawScopes));
    array.forEach(s -> scopes.add(String.valueOf(s)));
    return scopes;
  }

  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
