package io.momentum.server.integrations;

import java.util.List;
import java.util.UUID;

/**
 * One rule of a connection that maps tracker work to an initiative. Rules are tried by ascending
 * {@code position}; the first that matches an item decides its initiative.
 *
 * @param kind {@code issue_key} (the issue, its parent or the parent's parent has this key, so a
 *     rule on an epic's key maps its stories and their sub-tasks), {@code label} (the item itself
 *     carries this label or Azure DevOps tag; trackers send no labels of the parent),
 *     {@code project} (the item belongs to the project with this key or name), {@code area_path}
 *     (the Azure DevOps area path is this path or lies below it) or {@code work_item} (the item
 *     or its direct parent has this Azure DevOps work item id)
 */
public record MappingRule(UUID id, int position, String kind, String value, UUID initiativeId) {

  /** The kinds of rules, as stored and sent. */
  public static final List<String> KINDS = List.of("issue_key", "label", "project", "area_path", "work_item");
  /** The kinds that can match the items of each connection kind. */
  public static final List<String> JIRA_KINDS = List.of("issue_key", "label", "project");
  public static final List<String> AZURE_DEVOPS_KINDS = List.of("area_path", "work_item", "label", "project");

  /** Returns true when this rule matches {@code item}. Keys, projects and area paths compare without regard to case. */
  public boolean matches(TrackedItem item) {
    return switch (kind) {
      case "issue_key" -> item.keys().stream().anyMatch(value::equalsIgnoreCase);
      case "label" -> item.labels().contains(value);
      case "project" -> value.equalsIgnoreCase(item.projectKey());
      case "area_path" -> item.areaPath() != null && (value.equalsIgnoreCase(item.areaPath())
          || (item.areaPath().length() > value.length() && item.areaPath().charAt(value.length()) == '\\'
              && item.areaPath().regionMatches(true, 0, value, 0, value.length())));
      case "work_item" -> value.equals(item.id()) || value.equals(item.parentId());
      default -> false;
    };
  }

  /** Returns the initiative of the first rule that matches, or null when none does. */
  public static UUID initiativeFor(List<MappingRule> ordered, TrackedItem item) {
    for (MappingRule rule : ordered) {
      if (rule.matches(item)) {
        return rule.initiativeId();
      }
    }
    return null;
  }
}
