package io.momentum.server.integrations;

import io.momentum.server.auth.Caller;
import io.momentum.server.goals.Edits;
import io.momentum.server.goals.GoalJson;
import io.momentum.server.goals.Ids;
import io.momentum.server.goals.Pages;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API of integration connections and their mapping rules. Reading needs any credentials of
 * the organisation, changing needs the write scope. The shared secret is accepted on create and
 * on update but never sent back.
 */
public final class ConnectionRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionRoutes.class);

  static final String COLUMNS = "id, org_id, kind, name, story_points_field, state_map, created_at, updated_at, version";
  private static final String RULE_COLUMNS = "id, connection_id, position, match_kind, match_value, initiative_id,"
      + " created_at, updated_at, version";
  /** Jira's field for "Story point estimate" on team-managed and many company-managed sites. */
  static final String DEFAULT_JIRA_POINTS_FIELD = "customfield_10016";
  static final int MIN_SECRET_LENGTH = 16;
  static final int MAX_SECRET_LENGTH = 256;
  private static final int MAX_RULES = 500;
  private static final Pattern FIELD_ID = Pattern.compile("^(customfield_[0-9]{1,12}|[A-Za-z][A-Za-z0-9_]{0,63})$");
  private static final Pattern ISSUE_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,254}-[0-9]{1,18}$");
  private static final Pattern PROJECT_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,254}$");
  private static final Pattern LABEL = Pattern.compile("^\\S{1,255}$");
  /** Area path nodes separated by backslashes, without control characters or empty nodes. */
  private static final Pattern AREA_PATH = Pattern.compile("^[^\\\\\\p{Cntrl}]+(\\\\[^\\\\\\p{Cntrl}]+)*$");
  private static final Pattern WORK_ITEM_ID = Pattern.compile("^[1-9][0-9]{0,9}$");

  private final Pool pool;

  public ConnectionRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.get("/api/v1/integrations/connections").handler(this::list);
    router.post("/api/v1/integrations/connections").handler(this::create);
    router.get("/api/v1/integrations/connections/:id").handler(this::get);
    router.patch("/api/v1/integrations/connections/:id").handler(this::patch);
    router.delete("/api/v1/integrations/connections/:id").handler(this::delete);
    router.get("/api/v1/integrations/connections/:id/rules").handler(this::listRules);
    router.post("/api/v1/integrations/connections/:id/rules").handler(this::createRule);
    router.patch("/api/v1/integrations/connections/:id/rules/:ruleId").handler(this::patchRule);
    router.delete("/api/v1/integrations/connections/:id/rules/:ruleId").handler(this::deleteRule);
  }

  /**
   * The fields of a connection, as created or after a partial update; {@code secret} is null when
   * unchanged, and {@code stateMap} is the state map to store, empty when the body has none.
   */
  record Input(String kind, String name, String secret, String storyPointsField, JsonObject stateMap) {

    static final List<String> FIELDS = List.of("kind", "name", "storyPointsField", StateMaps.FIELD);

    static Input read(BodyReader body, boolean secretRequired) {
      String kind = body.oneOf("kind", List.of("jira", "azure_devops"), true);
      String name = body.text("name", 100, true);
      String secret = body.text("secret", MAX_SECRET_LENGTH, secretRequired);
      if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
        body.reject("secret", "too_short", "is " + secret.length() + " characters long; use at least " + MIN_SECRET_LENGTH
            + ", such as the secret Jira generates for a webhook", new JsonObject().put("length", secret.length())
            .put("minimum", MIN_SECRET_LENGTH));
        secret = null;
      }
      String field = body.text("storyPointsField", 64, false);
      if (field != null && !FIELD_ID.matcher(field).matches()) {
        body.reject("storyPointsField", "field_format", "must be a field id such as \"customfield_10016\", not \"" + field + "\"",
            new JsonObject().put("value", field));
        field = null;
      }
      if (field == null && "jira".equals(kind) && !body.has("storyPointsField")) {
        field = DEFAULT_JIRA_POINTS_FIELD;
      }
      JsonObject stateMap = StateMaps.read(body, kind);
      return new Input(kind, name, secret, field, stateMap);
    }
  }

  /** The fields of a mapping rule; {@code position} null means after the last rule. */
  record RuleInput(Integer position, String kind, String value, UUID initiativeId) {

    static final List<String> FIELDS = List.of("position", "matchKind", "matchValue", "initiativeId");

    static RuleInput read(BodyReader body) {
      Integer position = body.integer("position", 0, 100_000, false);
      String kind = body.oneOf("matchKind", MappingRule.KINDS, true);
      String value = body.text("matchValue", 255, true);
      UUID initiativeId = body.uuid("initiativeId", true);
      if (kind != null && value != null) {
        value = matchValue(body, kind, value);
      }
      return new RuleInput(position, kind, value, initiativeId);
    }

    private static String matchValue(BodyReader body, String kind, String value) {
      Pattern pattern = switch (kind) {
        case "issue_key" -> ISSUE_KEY;
        case "project" -> PROJECT_KEY;
        case "area_path" -> AREA_PATH;
        case "work_item" -> WORK_ITEM_ID;
        default -> LABEL;
      };
      boolean valid = pattern.matcher(value).matches()
          && !("work_item".equals(kind) && Long.parseLong(value) > Integer.MAX_VALUE);
      if (!valid) {
        String example = switch (kind) {
          case "issue_key" -> "an issue key such as \"SHOP-42\"";
          case "project" -> "a project key such as \"SHOP\"";
          case "area_path" -> "an area path such as \"Shop\\Checkout\"";
          case "work_item" -> "a work item id such as \"4711\"";
          default -> "a label without spaces, such as \"checkout\"";
        };
        body.reject("matchValue", "match_value_format", "must be " + example + " for matchKind " + kind + ", not \"" + value + "\"",
            new JsonObject().put("matchKind", kind).put("value", value));
        return null;
      }
      return List.of("issue_key", "project").contains(kind) ? value.toUpperCase(Locale.ROOT) : value;
    }
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    QueryParams query = new QueryParams(ctx);
    String after = query.text("after");
    int limit = query.limit();
    query.finish();
    Pages.page(pool, "SELECT " + COLUMNS + " FROM integration_connections WHERE org_id = $1"
                + " AND ($2::text IS NULL OR name > $2) ORDER BY name LIMIT $3",
            Tuple.of(caller.orgId(), after), limit, ConnectionRoutes::connection, row -> row.getString("name"))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    load(pool, caller.orgId(), id, false)
        .compose(json -> rules(pool, caller.orgId(), id).map(rules -> json.put("rules", rules)))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    Input input = Input.read(body, true);
    body.finish();
    UUID id = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO integration_connections (id, org_id, kind, name, secret, story_points_field, state_map)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS)
        .execute(Tuple.of(id, caller.orgId(), input.kind(), input.name(), input.secret(), input.storyPointsField(),
            input.stateMap()))
        .map(rows -> connection(rows.iterator().next()).put("rules", new JsonArray()))
        .recover(ConnectionRoutes::nameTaken)
        .onSuccess(json -> {
          LOG.info("Integration connection {} ({}) created in organisation {}", id, input.kind(), caller.orgId());
          ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/integrations/connections/" + id);
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void patch(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    JsonObject patch = BodyReader.of(ctx).json();
    int version = Edits.requiredVersion(ctx, patch);
    pool.withTransaction(connection -> load(connection, caller.orgId(), id, true)
            .compose(current -> {
              Edits.checkVersion("Connection " + current.getString("name"), version, current);
              Edits.rejectFixed(patch, current, "kind", "create a new connection for another tracker instead");
              BodyReader reader = BodyReader.of(Edits.merge(current, Input.FIELDS, patch), "");
              Input input = Input.read(reader, false);
              reader.finish();
              return connection.preparedQuery("UPDATE integration_connections SET name = $3, story_points_field = $4,"
                      + " secret = coalesce($5, secret), state_map = $6, version = version + 1, updated_at = now()"
                      + " WHERE org_id = $1 AND id = $2 RETURNING " + COLUMNS)
                  .execute(Tuple.of(caller.orgId(), id, input.name(), input.storyPointsField(), input.secret(),
                      input.stateMap()));
            })
            .map(rows -> connection(rows.iterator().next())))
        .recover(ConnectionRoutes::nameTaken)
        .compose(json -> rules(pool, caller.orgId(), id).map(rules -> json.put("rules", rules)))
        .onSuccess(json -> {
          ConnectionCache.evictLocally(id);
          LOG.info("Integration connection {} of organisation {} updated to version {}", id, caller.orgId(),
              json.getInteger("version"));
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID id = Ids.path(ctx, "id");
    new QueryParams(ctx).finish();
    Integer version = Edits.optionalVersion(ctx, null);
    Edits.deleteChecked(pool, "integration_connections", "Connection", ConnectionRoutes::load, caller.orgId(), id, version)
        .onSuccess(deleted -> {
          ConnectionCache.evictLocally(id);
          LOG.info("Integration connection {} of organisation {} deleted", id, caller.orgId());
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }

  private void listRules(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Ids.path(ctx, "id");
    new QueryParams(ctx).finish();
    load(pool, caller.orgId(), id, false)
        .compose(connection -> rules(pool, caller.orgId(), id))
        .onSuccess(rules -> ctx.json(new JsonObject().put("items", rules)))
        .onFailure(ctx::fail);
  }

  private void createRule(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID connectionId = Ids.path(ctx, "id");
    BodyReader body = BodyReader.of(ctx);
    RuleInput input = RuleInput.read(body);
    body.finish();
    UUID id = UUID.randomUUID();
    pool.withTransaction(connection -> load(connection, caller.orgId(), connectionId, true)
            .compose(current -> {
              requireKindFits(current.getString("kind"), input.kind());
              return Ids.requireLive(connection, "initiatives", caller.orgId(), input.initiativeId(),
                  "initiativeId", "live initiative");
            })
            .compose(v -> connection.preparedQuery("SELECT count(*) AS rules, coalesce(max(position) + 1, 0) AS next"
                    + " FROM integration_mapping_rules WHERE org_id = $1 AND connection_id = $2")
                .execute(Tuple.of(caller.orgId(), connectionId)))
            .compose(rows -> {
              Row counts = rows.iterator().next();
              if (counts.getLong("rules") >= MAX_RULES) {
                return Future.failedFuture(ApiException.conflict("too_many_rules", "A connection has at most " + MAX_RULES
                    + " mapping rules; combine rules by project or label", new JsonObject().put("limit", MAX_RULES)));
              }
              int position = input.position() != null ? input.position() : Math.min(counts.getInteger("next"), 100_000);
              return makeRoom(connection, caller.orgId(), connectionId, id, position)
                  .compose(v -> connection.preparedQuery("INSERT INTO integration_mapping_rules (id, org_id, connection_id, position,"
                      + " match_kind, match_value, initiative_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + RULE_COLUMNS)
                  .execute(Tuple.from(new Object[] {id, caller.orgId(), connectionId, position, input.kind(), input.value(),
                      input.initiativeId()})));
            })
            .map(rows -> rule(rows.iterator().next())))
        .onSuccess(json -> {
          ConnectionCache.evictLocally(connectionId);
          LOG.info("Mapping rule {} added to connection {} of organisation {}", id, connectionId, caller.orgId());
          ctx.response().setStatusCode(201)
              .putHeader("Location", "/api/v1/integrations/connections/" + connectionId + "/rules/" + id);
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void patchRule(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID connectionId = Ids.path(ctx, "id");
    UUID id = Ids.path(ctx, "ruleId");
    JsonObject patch = BodyReader.of(ctx).json();
    int version = Edits.requiredVersion(ctx, patch);
    pool.withTransaction(connection -> load(connection, caller.orgId(), connectionId, false)
            .compose(owner -> loadRule(connection, caller.orgId(), connectionId, id).map(rule -> rule.put("connectionKind",
                owner.getString("kind"))))
            .compose(current -> {
              Edits.checkVersion("Mapping rule " + id, version, current);
              BodyReader reader = BodyReader.of(Edits.merge(current, RuleInput.FIELDS, patch), "");
              RuleInput input = RuleInput.read(reader);
              reader.finish();
              requireKindFits(current.getString("connectionKind"), input.kind());
              int position = input.position() != null ? input.position() : current.getInteger("position");
              return Ids.requireLive(connection, "initiatives", caller.orgId(), input.initiativeId(), "initiativeId",
                      "live initiative")
                  .compose(v -> position == current.getInteger("position") ? Future.<Void>succeededFuture()
                      : makeRoom(connection, caller.orgId(), connectionId, id, position))
                  .compose(v -> connection.preparedQuery("UPDATE integration_mapping_rules SET position = $4, match_kind = $5,"
                          + " match_value = $6, initiative_id = $7, version = version + 1, updated_at = now()"
                          + " WHERE org_id = $1 AND connection_id = $2 AND id = $3 RETURNING " + RULE_COLUMNS)
                      .execute(Tuple.from(new Object[] {caller.orgId(), connectionId, id, position, input.kind(), input.value(),
                          input.initiativeId()})));
            })
            .map(rows -> rule(rows.iterator().next())))
        .onSuccess(json -> {
          ConnectionCache.evictLocally(connectionId);
          LOG.info("Mapping rule {} of connection {} updated to version {}", id, connectionId, json.getInteger("version"));
          ctx.json(json);
        })
        .onFailure(ctx::fail);
  }

  private void deleteRule(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    UUID connectionId = Ids.path(ctx, "id");
    UUID id = Ids.path(ctx, "ruleId");
    new QueryParams(ctx).finish();
    Integer version = Edits.optionalVersion(ctx, null);
    pool.withTransaction(connection -> loadRule(connection, caller.orgId(), connectionId, id)
            .compose(current -> {
              Edits.checkVersion("Mapping rule " + id, version, current);
              return connection.preparedQuery("DELETE FROM integration_mapping_rules WHERE org_id = $1 AND connection_id = $2"
                  + " AND id = $3").execute(Tuple.of(caller.orgId(), connectionId, id));
            }))
        .onSuccess(rows -> {
          ConnectionCache.evictLocally(connectionId);
          LOG.info("Mapping rule {} of connection {} deleted", id, connectionId);
          ctx.response().setStatusCode(204).end();
        })
        .onFailure(ctx::fail);
  }

  /** Rejects a rule kind that can never match the items of the connection's tracker. */
  private static void requireKindFits(String connectionKind, String matchKind) {
    List<String> kinds = "jira".equals(connectionKind) ? MappingRule.JIRA_KINDS : MappingRule.AZURE_DEVOPS_KINDS;
    if (!kinds.contains(matchKind)) {
      throw ApiException.invalid("matchKind", "kind_not_for_tracker", "is " + matchKind + ", which never matches the work"
          + " of a " + connectionKind + " connection; use one of " + String.join(", ", kinds),
          new JsonObject().put("allowed", new JsonArray(kinds)));
    }
  }

  /**
   * Moves the other rules at {@code position} and after it down by one, so that a rule put at a
   * taken position goes before the rule that held it.
   */
  private static Future<Void> makeRoom(SqlClient client, String orgId, UUID connectionId, UUID ruleId, int position) {
    return client.preparedQuery("UPDATE integration_mapping_rules SET position = position + 1 WHERE org_id = $1"
            + " AND connection_id = $2 AND id <> $3 AND position >= $4 AND EXISTS (SELECT 1 FROM integration_mapping_rules"
            + " WHERE org_id = $1 AND connection_id = $2 AND id <> $3 AND position = $4)")
        .execute(Tuple.of(orgId, connectionId, ruleId, position))
        .mapEmpty();
  }

  /** Loads the rules of a connection in the order they are tried. */
  static Future<JsonArray> rules(SqlClient client, String orgId, UUID connectionId) {
    return client.preparedQuery("SELECT " + RULE_COLUMNS + " FROM integration_mapping_rules WHERE org_id = $1"
            + " AND connection_id = $2 ORDER BY position, created_at, id")
        .execute(Tuple.of(orgId, connectionId))
        .map(rows -> {
          JsonArray array = new JsonArray();
          rows.forEach(row -> array.add(rule(row)));
          return array;
        });
  }

  private static Future<JsonObject> load(SqlClient client, String orgId, UUID id, boolean forUpdate) {
    return Pages.one(client, "SELECT " + COLUMNS + " FROM integration_connections WHERE org_id = $1 AND id = $2"
        + (forUpdate ? " FOR UPDATE" : ""), Tuple.of(orgId, id), "Connection " + id, ConnectionRoutes::connection);
  }

  private static Future<JsonObject> loadRule(SqlClient client, String orgId, UUID connectionId, UUID id) {
    return Pages.one(client, "SELECT " + RULE_COLUMNS + " FROM integration_mapping_rules WHERE org_id = $1"
            + " AND connection_id = $2 AND id = $3 FOR UPDATE", Tuple.of(orgId, connectionId, id),
        "Mapping rule " + id + " of connection " + connectionId, ConnectionRoutes::rule);
  }

  /** Turns a unique violation on the name into a 409 naming the field, and passes other failures on. */
  private static Future<JsonObject> nameTaken(Throwable failure) {
    if (failure instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(new ApiException(409, "conflict", "Another connection of your organisation has this name;"
          + " choose another", List.of(io.momentum.streams.event.FieldError.of("name", "taken", "is already taken"))));
    }
    return Future.failedFuture(failure);
  }

  static JsonObject connection(Row row) {
    String kind = row.getString("kind");
    String id = row.getUUID("id").toString();
    return new JsonObject()
        .put("id", id)
        .put("kind", kind)
        .put("name", row.getString("name"))
        .put("storyPointsField", row.getString("story_points_field"))
        .put(StateMaps.FIELD, row.getJson("state_map"))
        .put("webhookPath", ("jira".equals(kind) ? JiraWebhookRoutes.PATH_PREFIX : AzureDevOpsWebhookRoutes.PATH_PREFIX) + id)
        .put("secretSet", true)
        .put("createdAt", GoalJson.time(row, "created_at"))
        .put("updatedAt", GoalJson.time(row, "updated_at"))
        .put("version", row.getInteger("version"));
  }

  static JsonObject rule(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("connectionId", row.getUUID("connection_id").toString())
        .put("position", row.getInteger("position"))
        .put("matchKind", row.getString("match_kind"))
        .put("matchValue", row.getString("match_value"))
        .put("initiativeId", row.getUUID("initiative_id").toString())
        .put("createdAt", GoalJson.time(row, "created_at"))
        .put("updatedAt", GoalJson.time(row, "updated_at"))
        .put("version", row.getInteger("version"));
  }
}
