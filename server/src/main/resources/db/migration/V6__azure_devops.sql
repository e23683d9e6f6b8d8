-- Azure DevOps service hooks: rules by area path and by work item id, and the work item revision
-- that orders deliveries of one Azure DevOps work item.

-- An area_path rule matches a work item whose System.AreaPath is the value or lies below it. A
-- work_item rule matches the work item with this id and its direct children.
ALTER TABLE integration_mapping_rules DROP CONSTRAINT integration_mapping_rules_match_kind_check;
ALTER TABLE integration_mapping_rules ADD CONSTRAINT integration_mapping_rules_match_kind_check
  CHECK (match_kind IN ('issue_key', 'label', 'project', 'area_path', 'work_item'));

-- The work item's rev of the newest state applied; null for Jira issues, which are ordered by
-- issue_updated alone. Azure DevOps deliveries are ordered by revision first and by issue_updated
-- among equal revisions, since deleting or restoring a work item can keep its revision.
ALTER TABLE integration_issues ADD COLUMN revision integer CHECK (revision IS NULL OR revision > 0);
