package io.momentum.server.auth;

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
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords of people and API tokens of services. Passwords are stored as salted PBKDF2 hashes;
 * tokens are 256-bit random strings stored as SHA-256 hashes (a fast hash is enough for a secret
 * with that much entropy), so the database never holds a usable credential.
 */
public final class AuthService {

  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
  /** Token lookups are cached this long; a revoked token stops working within this time. */
  private static final long TOKEN_CACHE_MILLIS = 30_000;
  private static final String TOKEN_PREFIX = "mtm_";
  private static final String PBKDF2_ITERATIONS = "120000";

  private final Vertx vertx;
  private final Pool pool;
  private final HashingStrategy hashing = HashingStrategy.load();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, CachedToken> tokenCache = new ConcurrentHashMap<>();
  /** Hash checked when the e-mail is unknown, so that a login takes as long either way. */
  private final String decoyHash;

  private record CachedToken(Caller caller, long expiresAt) {
  }

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

  /** Completes with the caller a bearer token stands for, or with null when it is unknown or revoked. */
  public Future<Caller> authenticateToken(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
      return Future.succeededFuture(null);
    }
    String hash = sha256(token);
    CachedToken cached = tokenCache.get(hash);
    long now = System.currentTimeMillis();
    if (cached != null && cached.expiresAt > now) {
      return Future.succeededFuture(cached.caller);
    }
    return pool.preparedQuery("""
            UPDATE api_tokens SET last_used_at = now()
            WHERE token_hash = $1 AND revoked_at IS NULL
            RETURNING id, org_id, name, scopes""")
        .execute(Tuple.of(hash))
        .map(rows -> {
          if (rows.size() == 0) {
            tokenCache.remove(hash);
            return null;
          }
          Row row = rows.iterator().next();
          List<String> scopes = new java.util.ArrayList<>();
          Object rawScopes = row.getValue("scopes");
          JsonArray array = rawScopes instanceof JsonArray a ? a : new JsonArray(String.valueOf(rawScopes));
          array.forEach(s -> scopes.add(String.valueOf(s)));
          Caller caller = new Caller("token", row.getUUID("id").toString(), row.getString("org_id"),
              row.getString("name"), null, scopes);
          tokenCache.put(hash, new CachedToken(caller, now + TOKEN_CACHE_MILLIS));
          return caller;
        });
  }

  /** Creates a token and completes with its text, which is shown once and never stored. */
  public Future<String> createToken(String orgId, String name, List<String> scopes, UUID createdBy) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
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
            .execute(Tuple.of(UUID.randomUUID(), orgId, name, sha256(token), token.substring(0, 8),
                new JsonArray(scopes).encode(), createdBy)))
        .onSuccess(v -> {
          tokenCache.clear();
          LOG.info("Stored API token {}... named {} for organisation {}", token.substring(0, 8), name, orgId);
        })
        .mapEmpty());
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
