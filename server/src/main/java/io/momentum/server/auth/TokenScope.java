package io.momentum.server.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The nodes an API token may reach: the units it was granted (each with all of its sub-units) and
 * the node kinds it was granted. An empty list grants every unit or every kind. People logged in
 * with a session are never restricted.
 *
 * <p>The grant is stored in the token's {@code scopes} array beside {@code read} and {@code write},
 * as {@code unit:<unitId>} and {@code kind:<kind>} entries. Sub-units are resolved on every request
 * ({@link AuthService#authenticateToken}), so a unit created or moved under a granted unit is in
 * scope from the next request on, and one moved out of it is out of scope at once.
 *
 * @param units units the token was granted, as stored
 * @param unitsInScope the granted units and all their sub-units; empty when {@code units} is empty
 * @param kinds node kinds the token was granted, as stored
 */
public record TokenScope(List<UUID> units, Set<UUID> unitsInScope, List<String> kinds) {

  /** Node kinds a token may be limited to, as the REST API and the boards spell them. */
  public static final List<String> NODE_KINDS = List.of("strategic_outcome", "objective", "key_result", "kpi", "initiative");
  static final String UNIT_PREFIX = "unit:";
  static final String KIND_PREFIX = "kind:";

  /** The scope of people and of tokens without unit or kind entries. */
  public static final TokenScope UNRESTRICTED = new TokenScope(List.of(), Set.of(), List.of());

  public TokenScope {
    units = List.copyOf(units);
    unitsInScope = Set.copyOf(unitsInScope);
    kinds = List.copyOf(kinds);
  }

  /** Reads the granted units of a stored {@code scopes} array; malformed entries are skipped. */
  public static List<UUID> grantedUnits(Collection<String> scopes) {
    List<UUID> units = new ArrayList<>();
    for (String scope : scopes) {
      if (scope.startsWith(UNIT_PREFIX)) {
        try {
          units.add(UUID.fromString(scope.substring(UNIT_PREFIX.length())));
        } catch (IllegalArgumentException e) {
          // Only TokenRoutes writes these entries, and it writes valid ids.
        }
      }
    }
    return units;
  }

  /** Reads the granted node kinds of a stored {@code scopes} array. */
  public static List<String> grantedKinds(Collection<String> scopes) {
    List<String> kinds = new ArrayList<>();
    for (String scope : scopes) {
      if (scope.startsWith(KIND_PREFIX) && NODE_KINDS.contains(scope.substring(KIND_PREFIX.length()))) {
        kinds.add(scope.substring(KIND_PREFIX.length()));
      }
    }
    return kinds;
  }

  /** Returns the access scopes ({@code read}, {@code write}, {@code admin}) without the unit and kind entries. */
  public static List<String> accessScopes(Collection<String> scopes) {
    return scopes.stream().filter(s -> !s.startsWith(UNIT_PREFIX) && !s.startsWith(KIND_PREFIX)).toList();
  }

  /** Returns the entries to store in {@code scopes} for a grant of units and kinds. */
  public static List<String> entries(List<UUID> units, List<String> kinds) {
    List<String> entries = new ArrayList<>();
    units.forEach(unit -> entries.add(UNIT_PREFIX + unit));
    kinds.forEach(kind -> entries.add(KIND_PREFIX + kind));
    return entries;
  }

  /** Returns true when the token is limited to some units or some node kinds. */
  public boolean restricted() {
    return !units.isEmpty() || !kinds.isEmpty();
  }

  /**
   * Returns true when a node of {@code kind} in {@code unitId} is in scope. A node without a unit
   * (a KPI or initiative of the whole organisation) is outside every unit grant.
   */
  public boolean allows(UUID unitId, String kind) {
    return allowsUnit(unitId) && allowsKind(kind);
  }

  /** Returns true when {@code unitId} is a granted unit or one of their sub-units, or when units are not limited. */
  public boolean allowsUnit(UUID unitId) {
    return units.isEmpty() || (unitId != null && unitsInScope.contains(unitId));
  }

  /** Returns true when {@code kind} is granted, or when kinds are not limited. */
  public boolean allowsKind(String kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }

  /** Returns the units a list query may show, or null when units are not limited. */
  public UUID[] unitFilter() {
    return units.isEmpty() ? null : unitsInScope.toArray(UUID[]::new);
  }

  /** Returns the node kinds a list query may show, or null when kinds are not limited. */
  public String[] kindFilter() {
    return kinds.isEmpty() ? null : kinds.toArray(String[]::new);
  }

  /** Describes the grant for error messages, such as {@code units [<id>] with their sub-units and node kinds [kpi]}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!units.isEmpty()) {
      parts.add("units " + units + " with their sub-units");
    }
    if (!kinds.isEmpty()) {
      parts.add("node kinds " + kinds);
    }
    return parts.isEmpty() ? "every unit and node kind" : String.join(" and ", parts);
  }

  /** Returns the grant as error details and token lists show it: {@code {"units": [...], "kinds": [...]}}. */
  public JsonObject toJson() {
    JsonArray unitIds = new JsonArray();
    units.forEach(unit -> unitIds.add(unit.toString()));
    return new JsonObject().put("units", unitIds).put("kinds", new JsonArray(kinds));
  }

  /** Returns the granted units and their sub-units as the principal stores them. */
  JsonArray unitsInScopeJson() {
    JsonArray array = new JsonArray();
    unitsInScope.forEach(unit -> array.add(unit.toString()));
    return array;
  }

  /** Reads the scope of a principal: the grant from {@code scopes} and the resolved {@code unitsInScope}. */
  static TokenScope fromPrincipal(List<String> scopes, JsonArray unitsInScope) {
    Set<UUID> resolved = new LinkedHashSet<>();
    if (unitsInScope != null) {
      unitsInScope.forEach(unit -> resolved.add(UUID.fromString(String.valueOf(unit))));
    }
    return new TokenScope(grantedUnits(scopes), resolved, grantedKinds(scopes));
  }
}
