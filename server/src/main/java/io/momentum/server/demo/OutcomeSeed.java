package io.momentum.server.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Seeds the parts of the outcome model that sit beside the goal tree of {@link SeedWriter}: the
 * people who own goals (as users who cannot log in until an admin sets a password), KPI settings,
 * driver trees with one formula KPI, dated KPI targets, initiatives with their work items, impact
 * links, cross-team contribution links, the KR-to-objective cascade and objective comments. Rows
 * refer to each other by key, so this runs after the plan is written, in the same transaction.
 */
final class OutcomeSeed {

  /** E-mail domain of the invented people. */
  static final String PEOPLE_DOMAIN = "northwind.example";

  /** A KPI that moves another one, by weight or through the parent's formula variable. */
  record Driver(String kpiKey, String driverKey, String variable, String weight) {
  }

  /** An initiative and the work it tracks: items done, in progress and to do, with points each. */
  record InitiativeSpec(String key, String unitKey, String title, String externalKey, String ownerRole,
                                int done, int inProgress, int todo) {
  }

  /** An impact link between two nodes named by key. */
  record Impact(String fromKey, String fromStage, String toKey, String toStage) {
  }

  private static final Set<String> LEADING_KPIS = Set.of("site-conversion", "search-ctr", "deployments-per-week",
      "first-response-time", "in-stock-rate", "order-lead-time", "api-latency-p95", "active-customers",
      "crash-free-sessions");

  static final List<Driver> DRIVERS = List.of(
      new Driver("gross-profit", "net-revenue", "revenue", "1"),
      new Driver("gross-profit", "gross-margin", "margin", "1"),
      new Driver("net-revenue", "active-customers", "active_customers", "2"),
      new Driver("net-revenue", "average-order-value", "average_order_value", "1"),
      new Driver("net-revenue", "site-conversion", "site_conversion", "2"),
      new Driver("net-revenue", "customer-churn", "customer_churn", "1"),
      new Driver("nps", "csat", "csat", "2"),
      new Driver("nps", "on-time-delivery", "on_time_delivery", "1"),
      new Driver("nps", "app-store-rating", "app_store_rating", "1"),
      new Driver("nps", "return-rate", "return_rate", "1"),
      new Driver("on-time-delivery", "order-lead-time", "order_lead_time", "1"),
      new Driver("on-time-delivery", "in-stock-rate", "in_stock_rate", "1"),
      new Driver("csat", "first-response-time", "first_response_time", "1"));

  static final List<InitiativeSpec> INITIATIVES = List.of(
      new InitiativeSpec("checkout-redesign", "checkout", "Rebuild checkout as a single page", "CHK-812", "lead", 9, 3, 4),
      new InitiativeSpec("payment-provider-switch", "checkout", "Payment provider migration", "CHK-840",
          "second", 5, 2, 5),
      new InitiativeSpec("loyalty-relaunch", "growth", "Relaunch the loyalty programme with gear points", "GRW-207",
          "lead", 6, 4, 6),
      new InitiativeSpec("partner-portal", "marketplace", "Self-service onboarding portal for partners", "MKT-521",
          "second", 7, 2, 3),
      new InitiativeSpec("price-experiments", "pricing", "Experimentation framework for prices", "PRC-104", "lead",
          3, 3, 7),
      new InitiativeSpec("app-wish-lists", "mobile-app", "Shared wish lists in the app", "APP-933", "second", 8, 2, 2),
      new InitiativeSpec("edge-caching", "platform", "Edge caching for product pages", "PLT-418", "lead", 10, 1, 2),
      new InitiativeSpec("semantic-search-build", "search", "Semantic search with vector retrieval", "SRC-309", "lead",
          4, 4, 5),
      new InitiativeSpec("sorter-installation", "fulfilment", "Second parcel sorter in the central warehouse",
          "FUL-115", "lead", 6, 2, 2),
      new InitiativeSpec("guided-help-centre", "customer-care", "Help centre with guided answers", "CC-611", "second",
          5, 3, 4),
      new InitiativeSpec("size-advisor-model", "returns", "Size advisor trained on return reasons", "RET-233", "lead",
          2, 3, 8));

  static final List<Impact> IMPACTS = List.of(
      new Impact("deployments-per-week", "input", "checkout-redesign", "output"),
      new Impact("checkout-redesign", "output", "checkout-duration", "outcome"),
      new Impact("checkout-duration", "outcome", "site-conversion", "outcome"),
      new Impact("site-conversion", "outcome", "net-revenue", "impact"),
      new Impact("payment-provider-switch", "output", "payment-failure-rate", "outcome"),
      new Impact("payment-failure-rate", "outcome", "site-conversion", "outcome"),
      new Impact("loyalty-relaunch", "output", "loyalty-members", "outcome"),
      new Impact("loyalty-members", "outcome", "active-customers", "outcome"),
      new Impact("active-customers", "outcome", "net-revenue", "impact"),
      new Impact("partner-portal", "output", "partner-onboarding-days", "outcome"),
      new Impact("price-experiments", "output", "promotion-roi", "outcome"),
      new Impact("promotion-roi", "outcome", "gross-margin", "impact"),
      new Impact("app-wish-lists", "output", "weekly-app-users", "outcome"),
      new Impact("edge-caching", "output", "cdn-hit-ratio", "outcome"),
      new Impact("cdn-hit-ratio", "outcome", "api-latency-p95", "outcome"),
      new Impact("semantic-search-build", "output", "zero-result-searches", "outcome"),
      new Impact("zero-result-searches", "outcome", "search-ctr", "outcome"),
      new Impact("sorter-installation", "output", "same-day-share", "outcome"),
      new Impact("same-day-share", "outcome", "on-time-delivery", "outcome"),
      new Impact("on-time-delivery", "outcome", "nps", "impact"),
      new Impact("guided-help-centre", "output", "self-service-rate", "outcome"),
      new Impact("self-service-rate", "outcome", "first-response-time", "outcome"),
      new Impact("size-advisor-model", "output", "wrong-size-returns", "outcome"),
      new Impact("wrong-size-returns", "outcome", "return-rate", "outcome"),
      new Impact("return-rate", "outcome", "gross-margin", "impact"));

  /** Cross-team help beside the single parent: from key, to key, note. */
  static final List<String[]> CONTRIBUTIONS = List.of(
      new String[] {"checkout-api-errors", "payment-failure-rate", "Fewer API errors mean fewer failed payments"},
      new String[] {"recommendation-clicks", "average-basket", "Recommendations add items to the basket"},
      new String[] {"search-conversion", "mobile-conversion", "Most mobile sessions start with a search"},
      new String[] {"size-advisor-usage", "repeat-purchase-rate", "Customers who get the right size come back"},
      new String[] {"same-day-shipping", "reliable-delivery", "Same-day shipping is most of the delivery promise"});

  static final List<String> COMMENTS = List.of(
      "Steady week. We focused on the key results that lag; expect them to move after Thursday's release.",
      "Waiting on a dependency with Platform. Raised it in the weekly sync; a date is promised for next week.",
      "Confidence is lower this week because last week's data arrived late and we could not confirm the trend.",
      "Ahead of plan on two key results. We use the slack to pay down test debt before the peak season.",
      "The experiment from two weeks ago paid off; we are rolling it out to every market.",
      "Two people were out sick, so we moved the milestone by a week and told the business unit.");

  /** The previous quarter's objective the demo shows as carried over. */
  static final String CARRIED_OBJECTIVE = "guest-checkout";

  private static final String CARRY_OVER_OBJECTIVE = """
      WITH previous AS (
        SELECT id FROM cycles WHERE org_id = $1 AND kind = 'quarter' AND closed AND end_date < $2
        ORDER BY end_date DESC LIMIT 1
      ), current AS (
        SELECT id, key, start_date FROM cycles
        WHERE org_id = $1 AND kind = 'quarter' AND NOT closed AND start_date <= $2 AND end_date >= $2 LIMIT 1
      )
      INSERT INTO objectives (id, org_id, key, kind, title, description, parent_id, unit_id, cycle_id, owner_id,
                              owner_name, weight, carried_from, created_at, updated_at)
      SELECT gen_random_uuid(), o.org_id, o.key || '-' || current.key, o.kind, o.title, o.description, o.parent_id,
             o.unit_id, current.id, o.owner_id, o.owner_name, o.weight, o.id, current.start_date, current.start_date
      FROM objectives o JOIN previous ON o.cycle_id = previous.id CROSS JOIN current
      WHERE o.org_id = $1 AND o.key = $3""";

  private static final String CARRY_OVER_KEY_RESULTS = """
      INSERT INTO key_results (id, org_id, key, objective_id, title, measurement, unit_id, owner_id, owner_name, weight,
                               start_value, target_value, commit_value, stretch_value, unit, milestones, current_value,
                               current_at, current_source, carried_from, created_at, updated_at)
      SELECT gen_random_uuid(), k.org_id, copy.key || '-' || k.key, copy.id, k.title, k.measurement, k.unit_id, k.owner_id,
             k.owner_name, k.weight, k.start_value, k.target_value, k.commit_value, k.stretch_value, k.unit, '[]'::jsonb,
             k.current_value, CASE WHEN k.current_value IS NULL THEN NULL ELSE copy.created_at END,
             CASE WHEN k.current_value IS NULL THEN NULL ELSE 'urn:momentum:carry-over' END, k.id, copy.created_at, copy.created_at
      FROM objectives copy
      JOIN objectives original ON original.id = copy.carried_from
      JOIN key_results k ON k.objective_id = original.id
      WHERE copy.org_id = $1 AND original.key = $2 AND k.measurement IN ('increase', 'decrease')""";

  /** The carried values as history rows, as closing a cycle stores the first value of each copy. */
  private static final String CARRIED_VALUES = """
      INSERT INTO measurements (org_id, node_id, node_kind, value, observed_at, source, event_id, applied, created_at)
      SELECT org_id, id, 'key_result', current_value, current_at, current_source, 'carry-over-' || id, true, current_at
      FROM key_results WHERE org_id = $1 AND carried_from IS NOT NULL AND current_value IS NOT NULL""";

  /**
   * A stored work-item event for every seeded work item, as the ingest stores one for each item
   * it receives. Time travel replays work items from these events, and without them a later event
   * about a seeded item would erase the item's earlier state from history.
   */
  private static final String WORK_ITEM_EVENTS = """
      INSERT INTO events (org_id, source, id, type, subject, node_id, time, received_at, data)
      SELECT w.org_id, w.source, 'seed-' || w.system || '-' || w.external_id, 'momentum.workitem.changed', w.node_id::text,
             w.node_id, w.observed_at, w.observed_at,
             jsonb_build_object('specversion', '1.0', 'id', 'seed-' || w.system || '-' || w.external_id, 'source', w.source,
               'type', 'momentum.workitem.changed', 'subject', w.node_id::text, 'time', w.observed_at, 'orgid', w.org_id,
               'data', jsonb_build_object('system', w.system, 'externalId', w.external_id, 'itemType', w.item_type,
                 'statusCategory', w.status_category, 'storyPoints', w.story_points, 'deleted', w.deleted))
      FROM work_items w WHERE w.org_id = $1 AND w.node_id IS NOT NULL
      ON CONFLICT DO NOTHING""";

  private static final String CARRIED_KEYS = """
      INSERT INTO node_keys (org_id, key, node_id, kind)
      SELECT org_id, key, id, kind FROM objectives WHERE org_id = $1 AND carried_from IS NOT NULL
      UNION ALL
      SELECT org_id, key, id, 'key_result' FROM key_results WHERE org_id = $1 AND carried_from IS NOT NULL""";

  private final SqlConnection connection;
  private final String orgId;
  private final String source;
  private final Instant now;
  private final String peoplePasswordHash;

  /**
   * @param peoplePasswordHash the hash stored for every invented person, made from a random password
   *     that is thrown away, so these people cannot log in until an admin sets a password
   */
  OutcomeSeed(SqlConnection connection, String orgId, String source, Instant now, String peoplePasswordHash) {
    this.connection = connection;
    this.orgId = orgId;
    this.source = source;
    this.now = now;
    this.peoplePasswordHash = peoplePasswordHash;
  }

  /** Inserts everything, people first because owners refer to them. */
  Future<Void> write(SeedPlan plan) {
    DemoCatalog catalog = plan.catalog;
    return insertPeople(catalog)
        .compose(v -> linkOwners())
        .compose(v -> alignCascades(catalog, plan))
        .compose(v -> insertFormulaKpi())
        .compose(v -> updateKpiSettings(catalog))
        .compose(v -> insertDrivers())
        .compose(v -> insertDatedTargets())
        .compose(v -> insertInitiatives(catalog))
        .compose(v -> insertInitiativeWork())
        .compose(v -> insertImpactLinks())
        .compose(v -> insertContributions())
        .compose(v -> insertComments())
        .compose(v -> carryOver())
        .compose(v -> connection.preparedQuery(WORK_ITEM_EVENTS).execute(Tuple.of(orgId)).mapEmpty());
  }

  /**
   * Carries the guest-checkout objective of the closed previous quarter into the current one, as
   * closing a cycle would: a copy with {@code carriedFrom}, and copies of its metric key results
   * that start where the originals started and hold their last value. Nothing happens in the first
   * quarter of the demo, which has no previous quarter.
   */
  private Future<Void> carryOver() {
    return connection.preparedQuery(CARRY_OVER_OBJECTIVE).execute(Tuple.of(orgId, utc(now).toLocalDate(), CARRIED_OBJECTIVE))
        .compose(v -> connection.preparedQuery(CARRY_OVER_KEY_RESULTS).execute(Tuple.of(orgId, CARRIED_OBJECTIVE)))
        .compose(v -> connection.preparedQuery(CARRIED_VALUES).execute(Tuple.of(orgId)))
        .compose(v -> connection.preparedQuery(CARRIED_KEYS).execute(Tuple.of(orgId)))
        .mapEmpty();
  }

  private Future<Void> insertPeople(DemoCatalog catalog) {
    List<String> names = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    List<String> unitKeys = new ArrayList<>();
    catalog.units.forEach(unit -> unit.people().forEach(person -> {
      names.add(person);
      emails.add(email(person));
      unitKeys.add(unit.key());
    }));
    return connection.preparedQuery("""
            INSERT INTO users (id, org_id, email, name, password_hash, role, unit_id)
            SELECT gen_random_uuid(), $1, p.email, p.name, $2, 'member', u.id
            FROM unnest($3::text[], $4::text[], $5::text[]) AS p(name, email, unit_key)
            JOIN units u ON u.org_id = $1 AND u.key = p.unit_key
            ON CONFLICT ((lower(email))) DO NOTHING""")
        .execute(Tuple.of(orgId, peoplePasswordHash, names.toArray(String[]::new), emails.toArray(String[]::new),
            unitKeys.toArray(String[]::new)))
        .mapEmpty();
  }

  /** Builds an address such as {@code tomas.herrera@northwind.example} from a name. */
  static String email(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String local = ascii.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z0-9]+", ".")
        .replaceAll("^\\.|\\.$", "");
    return local + "@" + PEOPLE_DOMAIN;
  }

  private Future<Void> linkOwners() {
    Future<Void> chain = Future.succeededFuture();
    for (String table : List.of("objectives", "key_results", "kpis")) {
      chain = chain.compose(v -> connection.preparedQuery("UPDATE " + table + " n SET owner_id = u.id FROM users u"
              + " WHERE n.org_id = $1 AND u.org_id = $1 AND u.name = n.owner_name")
          .execute(Tuple.of(orgId)).mapEmpty());
    }
    return chain;
  }

  /** Objectives whose catalog parent is a key result align to it instead of to an objective. */
  private Future<Void> alignCascades(DemoCatalog catalog, SeedPlan plan) {
    Set<String> keyResultKeys = plan.keyResults.stream().map(k -> k.spec().key).collect(Collectors.toSet());
    List<String> objectiveKeys = new ArrayList<>();
    List<String> parentKeys = new ArrayList<>();
    catalog.objectives.stream()
        .filter(o -> o.parentKey() != null && keyResultKeys.contains(o.parentKey()))
        .forEach(o -> {
          objectiveKeys.add(o.key());
          parentKeys.add(o.parentKey());
        });
    return connection.preparedQuery("""
            UPDATE objectives o SET parent_id = NULL, parent_key_result_id = k.id
            FROM unnest($2::text[], $3::text[]) AS c(objective_key, parent_key), key_results k
            WHERE o.org_id = $1 AND o.key = c.objective_key AND k.org_id = $1 AND k.key = c.parent_key""")
        .execute(Tuple.of(orgId, objectiveKeys.toArray(String[]::new), parentKeys.toArray(String[]::new)))
        .mapEmpty();
  }

  /** Inserts gross profit, a KPI computed from net revenue and gross margin. The engine computes its value. */
  private Future<Void> insertFormulaKpi() {
    UUID id = UUID.randomUUID();
    OffsetDateTime created = utc(now.minus(120, ChronoUnit.DAYS));
    return connection.preparedQuery("INSERT INTO node_keys (org_id, key, node_id, kind) VALUES ($1, 'gross-profit', $2, 'kpi')")
        .execute(Tuple.of(orgId, id))
        .compose(v -> connection.preparedQuery("""
                INSERT INTO kpis (id, org_id, key, title, description, unit_id, owner_name, unit, direction, start_value,
                                  target_value, green, red, indicator, expected_every_hours, formula, created_at, updated_at)
                SELECT $2, $1, 'gross-profit', 'Gross profit per month',
                       'Net revenue times gross margin: what is left to pay for everything else', u.id, 'Tobias Brandt',
                       'EUR M', 'increase', 4.77, 6.56, 5.80, 4.50, 'lagging', 36, 'revenue * margin / 100', $3, $3
                FROM units u WHERE u.org_id = $1 AND u.key = $4""")
            .execute(Tuple.of(orgId, id, created, DemoCatalog.COMPANY)))
        .mapEmpty();
  }

  private Future<Void> updateKpiSettings(DemoCatalog catalog) {
    return connection.preparedQuery("""
            UPDATE kpis k SET indicator = CASE WHEN k.key = ANY($2::text[]) THEN 'leading' ELSE 'lagging' END,
                   expected_every_hours = coalesce(k.expected_every_hours,
                       CASE WHEN k.key = ANY($3::text[]) THEN 192 ELSE 36 END),
                   owner_id = coalesce(k.owner_id, (SELECT id FROM users u WHERE u.org_id = $1 AND u.name = k.owner_name))
            WHERE k.org_id = $1""")
        .execute(Tuple.of(orgId, LEADING_KPIS.toArray(String[]::new),
            catalog.kpis.stream().filter(k -> k.weekly()).map(k -> k.key()).toArray(String[]::new)))
        .mapEmpty();
  }

  private Future<Void> insertDrivers() {
    return connection.preparedQuery("""
            INSERT INTO kpi_drivers (org_id, kpi_id, driver_id, variable, weight)
            SELECT $1, parent.id, driver.id, d.variable, d.weight
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]::numeric[]) AS d(kpi_key, driver_key, variable, weight)
            JOIN kpis parent ON parent.org_id = $1 AND parent.key = d.kpi_key
            JOIN kpis driver ON driver.org_id = $1 AND driver.key = d.driver_key""")
        .execute(Tuple.of(orgId,
            DRIVERS.stream().map(Driver::kpiKey).toArray(String[]::new),
            DRIVERS.stream().map(Driver::driverKey).toArray(String[]::new),
            DRIVERS.stream().map(Driver::variable).toArray(String[]::new),
            DRIVERS.stream().map(Driver::weight).toArray(String[]::new)))
        .mapEmpty();
  }

  /**
   * Gives every KPI with a start and a target two dated targets: the end of the current quarter,
   * on a straight path from start to target over the year, and the end of the year at the target.
   */
  private Future<Void> insertDatedTargets() {
    return connection.preparedQuery("""
            WITH year AS (
              SELECT start_date, end_date FROM cycles
              WHERE org_id = $1 AND kind = 'annual' AND start_date <= $2 AND end_date >= $2 LIMIT 1
            ), quarter AS (
              SELECT end_date FROM cycles
              WHERE org_id = $1 AND kind = 'quarter' AND start_date <= $2 AND end_date >= $2 LIMIT 1
            )
            INSERT INTO kpi_targets (org_id, kpi_id, due_date, value)
            SELECT $1, k.id, quarter.end_date,
                   round(k.start_value + (k.target_value - k.start_value)
                         * (quarter.end_date - year.start_date)::numeric / greatest(year.end_date - year.start_date, 1),
                         greatest(scale(k.target_value), 1))
            FROM kpis k, year, quarter
            WHERE k.org_id = $1 AND k.start_value IS NOT NULL AND k.target_value IS NOT NULL
              AND quarter.end_date < year.end_date
            UNION ALL
            SELECT $1, k.id, year.end_date, k.target_value
            FROM kpis k, year
            WHERE k.org_id = $1 AND k.start_value IS NOT NULL AND k.target_value IS NOT NULL""")
        .execute(Tuple.of(orgId, utc(now).toLocalDate()))
        .mapEmpty();
  }

  private Future<Void> insertInitiatives(DemoCatalog catalog) {
    List<String> keys = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    List<String> units = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    List<String> externalKeys = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    for (InitiativeSpec spec : INITIATIVES) {
      keys.add(spec.key());
      ids.add(UUID.randomUUID());
      units.add(spec.unitKey());
      titles.add(spec.title());
      externalKeys.add(spec.externalKey());
      List<String> people = catalog.units.stream().filter(u -> u.key().equals(spec.unitKey())).findFirst()
          .orElseThrow().people();
      owners.add("lead".equals(spec.ownerRole()) || people.size() < 2 ? people.get(0) : people.get(1));
    }
    Tuple keyParams = Tuple.of(orgId, keys.toArray(String[]::new), ids.toArray(UUID[]::new));
    return connection.preparedQuery("""
            INSERT INTO node_keys (org_id, key, node_id, kind)
            SELECT $1, i.key, i.id, 'initiative' FROM unnest($2::text[], $3::uuid[]) AS i(key, id)""")
        .execute(keyParams)
        .compose(v -> connection.preparedQuery("""
                WITH quarter AS (
                  SELECT id, start_date, end_date FROM cycles
                  WHERE org_id = $1 AND kind = 'quarter' AND start_date <= $2 AND end_date >= $2 LIMIT 1
                )
                INSERT INTO initiatives (id, org_id, key, title, unit_id, cycle_id, owner_id, owner_name,
                                         external_system, external_key, start_date, due_date, created_at, updated_at)
                SELECT i.id, $1, i.key, i.title, u.id, quarter.id, p.id, i.owner, 'jira', i.external_key,
                       quarter.start_date, quarter.end_date, $8, $8
                FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $9::text[])
                     AS i(id, key, unit_key, title, external_key, owner)
                JOIN units u ON u.org_id = $1 AND u.key = i.unit_key
                LEFT JOIN quarter ON true
                LEFT JOIN users p ON p.org_id = $1 AND p.name = i.owner""")
            .execute(Tuple.tuple().addValue(orgId).addValue(utc(now).toLocalDate())
                .addValue(ids.toArray(UUID[]::new)).addValue(keys.toArray(String[]::new))
                .addValue(units.toArray(String[]::new)).addValue(titles.toArray(String[]::new))
                .addValue(externalKeys.toArray(String[]::new)).addValue(utc(now.minus(40, ChronoUnit.DAYS)))
                .addValue(owners.toArray(String[]::new))))
        .mapEmpty();
  }

  /** Inserts each initiative's Jira stories: the done ones first, points from 1 to 8 in a fixed pattern. */
  private Future<Void> insertInitiativeWork() {
    List<String> externalIds = new ArrayList<>();
    List<String> initiativeKeys = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<String> points = new ArrayList<>();
    List<OffsetDateTime> times = new ArrayList<>();
    int[] pattern = {3, 5, 2, 8, 1, 3, 5, 2};
    int serial = 0;
    for (InitiativeSpec spec : INITIATIVES) {
      String project = spec.externalKey().substring(0, spec.externalKey().indexOf('-'));
      int total = spec.done() + spec.inProgress() + spec.todo();
      for (int i = 0; i < total; i++) {
        serial++;
        externalIds.add(String.valueOf(40_000 + serial));
        initiativeKeys.add(spec.key());
        statuses.add(i < spec.done() ? "done" : i < spec.done() + spec.inProgress() ? "in_progress" : "todo");
        points.add(String.valueOf(pattern[(serial + project.length()) % pattern.length]));
        times.add(utc(now.minus(total - i, ChronoUnit.DAYS)));
      }
    }
    return connection.preparedQuery("""
            INSERT INTO work_items (org_id, system, external_id, node_id, item_type, status_category, story_points,
                                    parent_external_id, deleted, observed_at, source)
            SELECT $1, 'jira', w.external_id, i.id, 'story', w.status, w.points, i.external_key, false, w.observed_at, $2
            FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]::numeric[], $7::timestamptz[])
                 AS w(external_id, initiative_key, status, points, observed_at)
            JOIN initiatives i ON i.org_id = $1 AND i.key = w.initiative_key""")
        .execute(Tuple.tuple().addValue(orgId).addValue(source)
            .addValue(externalIds.toArray(String[]::new)).addValue(initiativeKeys.toArray(String[]::new))
            .addValue(statuses.toArray(String[]::new)).addValue(points.toArray(String[]::new))
            .addValue(times.toArray(OffsetDateTime[]::new)))
        .mapEmpty();
  }

  private Future<Void> insertImpactLinks() {
    return connection.preparedQuery("""
            INSERT INTO impact_links (id, org_id, from_id, from_stage, to_id, to_stage, created_by, created_at)
            SELECT gen_random_uuid(), $1, f.node_id, l.from_stage, t.node_id, l.to_stage, 'demo seed', $6
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS l(from_key, from_stage, to_key, to_stage)
            JOIN node_keys f ON f.org_id = $1 AND f.key = l.from_key
            JOIN node_keys t ON t.org_id = $1 AND t.key = l.to_key""")
        .execute(Tuple.tuple().addValue(orgId)
            .addValue(IMPACTS.stream().map(Impact::fromKey).toArray(String[]::new))
            .addValue(IMPACTS.stream().map(Impact::fromStage).toArray(String[]::new))
            .addValue(IMPACTS.stream().map(Impact::toKey).toArray(String[]::new))
            .addValue(IMPACTS.stream().map(Impact::toStage).toArray(String[]::new))
            .addValue(utc(now.minus(30, ChronoUnit.DAYS))))
        .mapEmpty();
  }

  private Future<Void> insertContributions() {
    return connection.preparedQuery("""
            INSERT INTO contribution_links (org_id, from_id, to_id, note, created_by, created_at)
            SELECT $1, f.node_id, t.node_id, c.note, 'demo seed', $5
            FROM unnest($2::text[], $3::text[], $4::text[]) AS c(from_key, to_key, note)
            JOIN node_keys f ON f.org_id = $1 AND f.key = c.from_key
            JOIN node_keys t ON t.org_id = $1 AND t.key = c.to_key""")
        .execute(Tuple.tuple().addValue(orgId)
            .addValue(CONTRIBUTIONS.stream().map(c -> c[0]).toArray(String[]::new))
            .addValue(CONTRIBUTIONS.stream().map(c -> c[1]).toArray(String[]::new))
            .addValue(CONTRIBUTIONS.stream().map(c -> c[2]).toArray(String[]::new))
            .addValue(utc(now.minus(30, ChronoUnit.DAYS))))
        .mapEmpty();
  }

  /**
   * Inserts two comments on every open team objective, by its owner, two and nine days ago. The
   * texts rotate through a fixed list, so neighbouring objectives read differently.
   */
  private Future<Void> insertComments() {
    return connection.preparedQuery("""
            INSERT INTO objective_comments (org_id, objective_id, author_id, author, body, created_at)
            SELECT $1, o.id, o.owner_id, o.owner_name,
                   ($2::text[])[1 + ((row_number() OVER (ORDER BY o.key) + d.n) % array_length($2::text[], 1))],
                   $3::timestamptz - make_interval(days => d.days)
            FROM objectives o
            JOIN cycles c ON c.id = o.cycle_id
            JOIN units u ON u.id = o.unit_id
            CROSS JOIN (VALUES (0, 2), (3, 9)) AS d(n, days)
            WHERE o.org_id = $1 AND c.kind = 'quarter' AND NOT c.closed AND u.kind = 'team'
              AND o.owner_name IS NOT NULL""")
        .execute(Tuple.of(orgId, COMMENTS.toArray(String[]::new), utc(now)))
        .mapEmpty();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
