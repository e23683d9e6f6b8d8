package io.momentum.server.auth;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the unit and node kind limit of an API token ({@link TokenScope}) meets the
 * REST API. Every operation under {@code /api/v1} has a {@link Policy} in {@link #POLICIES}, and a
 * test compares that table with the routes the node serves, so a new route cannot skip the check
 * without failing the build.
 *
 * <p>Mounted after authentication. People and unrestricted tokens pass straight through; for a
 * restricted token the guard applies the operation's policy before the route's handler runs.
 */
public final class ScopeGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ScopeGuard.class);

  /** Treatment of a token limited to units or node kinds by one operation. */
  public enum Policy {
    /** Reveals no goal node, or is authenticated otherwise (webhook secrets): passes. */
    OPEN,
    /** Creates or changes organisation structure, or reads across the organisation: 403. */
    ORGANISATION,
    /**
     * The path names goal nodes, by id or by key where the route accepts keys. A read of a node out
     * of scope gets 404, so the response does not reveal the node. A change gets 403 naming the node.
     */
    NODE,
    /**
     * The handler applies the scope itself, because the nodes come from the body (events, feeds,
     * creations, links) or the response is a list it filters: it calls {@link Caller#requireNodeAccess}
     * or {@link Caller#canRead}.
     */
    HANDLER
  }

  /** An operation's policy and, for {@link Policy#NODE}, the path parameters that name nodes. */
  public record Rule(Policy policy, List<String> nodeParams) {
  }

  /** The policy of every REST operation, keyed as {@code "PATCH /api/v1/kpis/{id}"} like the route catalog. */
  public static final Map<String, Rule> POLICIES = policies();

  private static final String NODE_BY_ID = "SELECT id, key, kind, unit_id FROM goal_nodes WHERE org_id = $1 AND id = $2";
  private static final String NODE_BY_KEY = """
      SELECT g.id, g.key, g.kind, g.unit_id FROM node_keys k JOIN goal_nodes g ON g.id = k.node_id AND g.org_id = k.org_id
      WHERE k.org_id = $1 AND k.key = $2""";

  private final Pool pool;
  private final List<Template> templates = new ArrayList<>();

  public ScopeGuard(Pool pool) {
    this.pool = pool;
    POLICIES.forEach((operation, rule) -> templates.add(Template.of(operation, rule)));
    // A path with fewer parameters is the more specific one: POST /kpis/measurements before /kpis/{id}/...
    templates.sort(Comparator.comparingInt(Template::parameterCount));
  }

  /** Route handler: applies the operation's policy to a restricted token, and passes everyone else on. */
  public void handle(RoutingContext ctx) {
    Caller caller = ctx.user() == null ? null : Caller.of(ctx);
    if (caller == null || !caller.restricted()) {
      ctx.next();
      return;
    }
    HttpMethod method = ctx.request().method();
    String path = ctx.normalizedPath();
    Template template = null;
    Matcher matcher = null;
    for (Template candidate : templates) {
      if (candidate.method.equals(method.name())) {
        Matcher match = candidate.pattern.matcher(path);
        if (match.matches()) {
          template = candidate;
          matcher = match;
          break;
        }
      }
    }
    if (template == null) {
      // No operation serves this path, so the router responds 404 without reading anything.
      ctx.next();
      return;
    }
    switch (template.rule.policy()) {
      case OPEN, HANDLER -> ctx.next();
      case ORGANISATION -> {
        LOG.info("Refused {} to token {} of organisation {}: limited to {}", template.operation, caller.id(),
            caller.orgId(), caller.scope().describe());
        ctx.fail(caller.tokenRestricted("call " + template.operation));
      }
      case NODE -> checkNodes(ctx, caller, template, matcher);
    }
  }

  private void checkNodes(RoutingContext ctx, Caller caller, Template template, Matcher matcher) {
    boolean read = "GET".equals(template.method);
    List<String> values = new ArrayList<>();
    for (String param : template.rule.nodeParams()) {
      values.add(matcher.group(param));
    }
    Future<Void> checks = Future.succeededFuture();
    for (String value : values) {
      checks = checks.compose(v -> lookUp(caller.orgId(), value)).compose(node -> {
        if (node != null) {
          if (read) {
            caller.requireVisible(node, "Node " + value);
          } else {
            caller.requireNodeAccess(node);
          }
        }
        return Future.<Void>succeededFuture();
      });
    }
    checks.onSuccess(v -> ctx.next()).onFailure(e -> {
      LOG.info("Refused {} {} to token {} of organisation {}: {}", template.method, ctx.normalizedPath(), caller.id(),
          caller.orgId(), e.getMessage());
      ctx.fail(e);
    });
  }

  /**
   * Completes with the node a path value names in the organisation (by id, or by key), or with null
   * when it names none. The route's handler then responds 404 as it would for anyone.
   */
  public Future<ScopedNode> lookUp(String orgId, String value) {
    UUID id = null;
    try {
      id = UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      // Not an id: routes that accept a key (check-ins) take it as one.
    }
    Future<io.vertx.sqlclient.RowSet<Row>> rows = id != null
        ? pool.preparedQuery(NODE_BY_ID).execute(Tuple.of(orgId, id))
        : pool.preparedQuery(NODE_BY_KEY).execute(Tuple.of(orgId, value));
    return rows.map(found -> found.size() == 0 ? null : node(found.iterator().next()));
  }

  /** Reads a node from a row with {@code id, key, kind, unit_id}. */
  public static ScopedNode node(Row row) {
    return new ScopedNode(row.getUUID("id"), row.getString("key"), row.getString("kind"), row.getUUID("unit_id"));
  }

  /** One operation as a pattern over request paths, with a named group per path parameter. */
  private record Template(String operation, String method, Pattern pattern, int parameterCount, Rule rule) {

    static Template of(String operation, Rule rule) {
      int space = operation.indexOf(' ');
      String method = operation.substring(0, space);
      String path = operation.substring(space + 1);
      StringBuilder regex = new StringBuilder();
      Matcher parameter = Pattern.compile("\\{([A-Za-z0-9]+)}").matcher(path);
      int count = 0;
      int last = 0;
      while (parameter.find()) {
        regex.append(Pattern.quote(path.substring(last, parameter.start())));
        regex.append("(?<").append(parameter.group(1)).append(">[^/]+)");
        last = parameter.end();
        count++;
      }
      regex.append(Pattern.quote(path.substring(last)));
      return new Template(operation, method, Pattern.compile(regex.toString()), count, rule);
    }
  }

  private static Map<String, Rule> policies() {
    Map<String, Rule> rules = new LinkedHashMap<>();
    // Sign-in, reference and the organisation's frame, which hold no goal node.
    open(rules, "POST /api/v1/auth/login", "GET /api/v1/auth/demo", "GET /api/v1/auth/me", "POST /api/v1/auth/logout",
        "GET /api/v1/openapi.yaml", "GET /api/v1/units", "GET /api/v1/units/{id}", "GET /api/v1/cycles",
        "GET /api/v1/cycles/{id}", "GET /api/v1/settings", "GET /api/v1/settings/quality",
        // The quality check reads only the texts in its body and stores nothing.
        "POST /api/v1/assist/quality-check");
    // Trackers authenticate with the connection's secret, never with a token.
    open(rules, "POST /api/v1/integrations/jira/{connectionId}", "POST /api/v1/integrations/azure-devops/{connectionId}");
    organisation(rules,
        // People's names and e-mail addresses are not for a token limited to some units.
        "GET /api/v1/people",
        "POST /api/v1/units", "PATCH /api/v1/units/{id}", "DELETE /api/v1/units/{id}",
        "POST /api/v1/cycles", "POST /api/v1/cycles/fiscal-year", "PATCH /api/v1/cycles/{id}",
        "GET /api/v1/cycles/{id}/close-preview", "POST /api/v1/cycles/{id}/close", "POST /api/v1/cycles/{id}/reopen",
        "GET /api/v1/cycles/{id}/export", "POST /api/v1/import", "PATCH /api/v1/settings",
        "PATCH /api/v1/settings/quality",
        "GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}",
        "GET /api/v1/integrations/connections", "POST /api/v1/integrations/connections",
        "GET /api/v1/integrations/connections/{id}", "PATCH /api/v1/integrations/connections/{id}",
        "DELETE /api/v1/integrations/connections/{id}", "GET /api/v1/integrations/connections/{id}/rules",
        "POST /api/v1/integrations/connections/{id}/rules", "PATCH /api/v1/integrations/connections/{id}/rules/{ruleId}",
        "DELETE /api/v1/integrations/connections/{id}/rules/{ruleId}",
        // SQL feeds hold database credentials and fill KPIs of any unit.
        "GET /api/v1/kpis/sql-feeds", "POST /api/v1/kpis/sql-feeds", "POST /api/v1/kpis/sql-feeds/preview",
        "GET /api/v1/kpis/sql-feeds/{id}", "PATCH /api/v1/kpis/sql-feeds/{id}", "DELETE /api/v1/kpis/sql-feeds/{id}",
        "POST /api/v1/kpis/sql-feeds/{id}/run", "GET /api/v1/kpis/sql-feeds/{id}/runs",
        // Outbound webhooks send changes of every unit.
        "GET /api/v1/webhooks", "POST /api/v1/webhooks", "GET /api/v1/webhooks/{id}", "PATCH /api/v1/webhooks/{id}",
        "DELETE /api/v1/webhooks/{id}", "POST /api/v1/webhooks/{id}/rotate-secret", "POST /api/v1/webhooks/{id}/test",
        "GET /api/v1/webhooks/{id}/deliveries", "GET /api/v1/webhooks/{id}/deliveries/{deliveryId}",
        "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver",
        // Signals and value sources span units; a limited token reads them node by node on boards.
        "GET /api/v1/signals", "GET /api/v1/signals/{id}", "POST /api/v1/signals/{id}/acknowledge",
        "POST /api/v1/signals/{id}/snooze", "POST /api/v1/signals/{id}/resolve",
        "GET /api/v1/sources", "GET /api/v1/sources/{id}", "PATCH /api/v1/sources/{id}",
        // The decision trail records suggestions and signals of every unit.
        "GET /api/v1/decisions", "GET /api/v1/decisions/export", "POST /api/v1/decisions",
        // Reads that walk across units and kinds; filtering them node by node is not built.
        "GET /api/v1/check-ins/due", "GET /api/v1/nodes/{id}/as-of", "GET /api/v1/impact-chains/{nodeId}",
        "GET /api/v1/kpis/{id}/driver-tree", "GET /api/v1/contributions", "GET /api/v1/impact-links",
        // Impact links tie strategy across units, so they belong to the organisation's structure.
        "POST /api/v1/impact-links", "DELETE /api/v1/impact-links/{id}",
        // Drafts retrieve from the OKRs of every unit and cite them.
        "POST /api/v1/assist/drafts",
        // Briefs summarise every node of a unit and its sub-units; filtering them node by node is not built.
        "POST /api/v1/assist/briefs", "GET /api/v1/assist/briefs", "GET /api/v1/assist/briefs/{id}",
        "GET /api/v1/assist/brief-schedules", "POST /api/v1/assist/brief-schedules",
        "PATCH /api/v1/assist/brief-schedules/{id}", "DELETE /api/v1/assist/brief-schedules/{id}");
    open(rules, "GET /api/v1/assist/drafts/library/{id}");
    // NOTE: a node in scope is read whole, so its response may name linked nodes outside the scope
    // (contributions, KPI drivers), and PUT drivers may name driver KPIs outside it.
    node(rules, "id",
        "GET /api/v1/objectives/{id}", "PATCH /api/v1/objectives/{id}", "DELETE /api/v1/objectives/{id}",
        "GET /api/v1/objectives/{id}/comments", "POST /api/v1/objectives/{id}/comments",
        "GET /api/v1/objectives/{id}/comments/{commentId}",
        "GET /api/v1/key-results/{id}", "PATCH /api/v1/key-results/{id}", "DELETE /api/v1/key-results/{id}",
        "GET /api/v1/key-results/{id}/check-ins", "POST /api/v1/key-results/{id}/check-ins",
        "GET /api/v1/key-results/{id}/history",
        "GET /api/v1/kpis/{id}", "PATCH /api/v1/kpis/{id}", "DELETE /api/v1/kpis/{id}",
        "PUT /api/v1/kpis/{id}/drivers", "PUT /api/v1/kpis/{id}/targets", "POST /api/v1/kpis/{id}/measurements",
        "GET /api/v1/kpis/{id}/history",
        "GET /api/v1/initiatives/{id}", "PATCH /api/v1/initiatives/{id}", "DELETE /api/v1/initiatives/{id}",
        "GET /api/v1/initiatives/{id}/work-items");
    rules.put("DELETE /api/v1/contributions/{fromId}/{toId}", new Rule(Policy.NODE, List.of("fromId", "toId")));
    handler(rules,
        "POST /api/v1/events", "POST /api/v1/kpis/measurements", "POST /api/v1/kpis/measurements.csv",
        "GET /api/v1/objectives", "POST /api/v1/objectives", "GET /api/v1/key-results", "POST /api/v1/key-results",
        "GET /api/v1/kpis", "POST /api/v1/kpis", "GET /api/v1/initiatives", "POST /api/v1/initiatives",
        "POST /api/v1/contributions", "GET /api/v1/boards/{board}", "GET /api/v1/live");
    return Map.copyOf(rules);
  }

  private static void open(Map<String, Rule> rules, String... operations) {
    for (String operation : operations) {
      rules.put(operation, new Rule(Policy.OPEN, List.of()));
    }
  }

  private static void organisation(Map<String, Rule> rules, String... operations) {
    for (String operation : operations) {
      rules.put(operation, new Rule(Policy.ORGANISATION, List.of()));
    }
  }

  private static void node(Map<String, Rule> rules, String param, String... operations) {
    for (String operation : operations) {
      rules.put(operation, new Rule(Policy.NODE, List.of(param)));
    }
  }

  private static void handler(Map<String, Rule> rules, String... operations) {
    for (String operation : operations) {
      rules.put(operation, new Rule(Policy.HANDLER, List.of()));
    }
  }
}
