package io.momentum.server.integrations;

import java.util.List;
import java.util.UUID;

/**
 * One rule of a connection that maps tracker work to an initiative. Rules are tried by ascending
 * {@code position}; the first that matches an issue decides its initiative.
 *
 * @param kind {@code issue_key} (the issue, its parent or the parent's parent has this key, so a
 *     rule on an epic's key maps its stories and their sub-tasks), {@code label} (the issue itself
 *     carries this label; Jira sends no labels of the parent) or {@code project} (the issue belongs
 *     to the project with this key)
 */
public record MappingRule(UUID id, int position, String kind, String value, UUID initiativeId) {

  /** The kinds of rules, as stored and sent. */
  public static final List<String> KINDS = List.of("issue_key", "label", "project");

  /** Returns true when this rule matches {@code issue}. Keys compare without regard to case. */
  public boolean matches(JiraIssue issue) {
    return switch (kind) {
      case "issue_key" -> value.equalsIgnoreCase(issue.key())
          || (issue.parent() != null && value.equalsIgnoreCase(issue.parent().key()))
          || (issue.grandparent() != null && value.equalsIgnoreCase(issue.grandparent().key()));
      case "label" -> issue.labels().contains(value);
      case "project" -> value.equalsIgnoreCase(issue.projectKey());
      default -> false;
    };
  }

  /** Returns the initiative of the first rule that matches, or null when none does. */
  public static UUID initiativeFor(List<MappingRule> ordered, JiraIssue issue) {
    for (MappingRule rule : ordered) {
      if (rule.matches(issue)) {
        return rule.initiativeId();
      }
    }
    return null;
  }
}
