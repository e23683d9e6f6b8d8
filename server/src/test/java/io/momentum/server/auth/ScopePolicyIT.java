package io.momentum.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.TestNode;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds the scope policy table of {@link ScopeGuard} against the routes a real node serves, so
 * that a new route cannot reach a token limited to units or node kinds unchecked.
 */
class ScopePolicyIT {

  /** Changes that restricted tokens may send without a node check: signing in and out, and tracker webhooks. */
  private static final Set<String> OPEN_CHANGES = Set.of("POST /api/v1/auth/login", "POST /api/v1/auth/logout",
      "POST /api/v1/integrations/jira/{connectionId}", "POST /api/v1/integrations/azure-devops/{connectionId}",
      // Reads only the texts in its body and stores nothing.
      "POST /api/v1/assist/quality-check");

  @Test
  void everyRouteHasPolicy() {
    MomentumNode node = TestNode.get();

    SortedSet<String> missing = new TreeSet<>(node.services().routes().operations());
    missing.removeAll(ScopeGuard.POLICIES.keySet());

    assertThat(missing).as("operations without a scope policy in ScopeGuard.POLICIES").isEmpty();
  }

  @Test
  void everyPolicyHasRoute() {
    MomentumNode node = TestNode.get();

    SortedSet<String> stale = new TreeSet<>(ScopeGuard.POLICIES.keySet());
    stale.removeAll(node.services().routes().operations());

    assertThat(stale).as("scope policies of operations the node does not serve").isEmpty();
  }

  @Test
  void openPolicyOnlyForKnownChanges() {
    SortedSet<String> openChanges = new TreeSet<>();
    ScopeGuard.POLICIES.forEach((operation, rule) -> {
      if (rule.policy() == ScopeGuard.Policy.OPEN && !operation.startsWith("GET ")) {
        openChanges.add(operation);
      }
    });

    assertThat(openChanges).isEqualTo(new TreeSet<>(OPEN_CHANGES));
  }

  @Test
  void nodePoliciesNamePathParameters() {
    ScopeGuard.POLICIES.forEach((operation, rule) -> {
      for (String param : rule.nodeParams()) {
        assertThat(operation).as("parameter " + param).contains("{" + param + "}");
      }
      assertThat(rule.nodeParams().isEmpty()).as(operation).isEqualTo(rule.policy() != ScopeGuard.Policy.NODE);
    });
  }
}
