package io.momentum.server.integrations;

import io.momentum.streams.engine.WorkStatus;
import java.math.BigDecimal;
import java.util.List;

/**
 * A work item of an external tracker (a Jira issue, an Azure DevOps work item) as the mapping
 * rules and the webhook routes read it, after its payload was validated.
 */
public interface TrackedItem {

  /** The tracker's stable id of the item; it becomes the work item's {@code externalId}. */
  String id();

  /** The item's key, such as {@code SHOP-42}, or null where the tracker has no keys. */
  String key();

  /** The id of the item's parent, or null. */
  String parentId();

  /** The keys of the item and of the ancestors its payload names, nearest first. */
  List<String> keys();

  /** The item's labels (Jira) or tags (Azure DevOps). */
  List<String> labels();

  /** The key or name of the item's project, or null. */
  String projectKey();

  /** The Azure DevOps area path, such as {@code Shop\Checkout}, or null. */
  String areaPath();

  /** The item's type name, such as {@code Story}, cut to 50 characters. */
  String itemType();

  WorkStatus status();

  /** The estimate; null means no estimate, which is not the same as 0. */
  BigDecimal storyPoints();

  /** True for items that group work (epics, and Azure DevOps features) and are no work items themselves. */
  boolean container();

  /** False when the payload does not state whether the item has a parent, so the stored parent applies. */
  default boolean parentKnown() {
    return true;
  }

  /**
   * Returns this item with the parent last stored for it, when its payload does not say whether
   * it has a parent. Items whose payload always names the parent return themselves.
   */
  default TrackedItem withStoredParent(String storedParentId) {
    return this;
  }
}
