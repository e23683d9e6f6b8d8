-- Editing the goal model: indexes for the owner and archive filters of the REST API, and one view
-- of every goal node, which contribution links, impact links and impact chains resolve ids with.

CREATE INDEX objectives_org_owner ON objectives (org_id, owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX key_results_org_owner ON key_results (org_id, owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX key_results_objective ON key_results (objective_id);
CREATE INDEX initiatives_org_owner ON initiatives (org_id, owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX users_org_unit ON users (org_id, unit_id);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX contribution_links_from ON contribution_links (org_id, from_id);

-- Every node that links may name, with its kind as the REST API and the boards spell it.
-- current_value is the latest stored value of key results and KPIs (null for the other kinds).
CREATE VIEW goal_nodes AS
  SELECT id, org_id, key, kind, title, unit_id, archived_at, NULL::numeric AS current_value FROM objectives
  UNION ALL
  SELECT k.id, k.org_id, k.key, 'key_result', k.title, coalesce(k.unit_id, o.unit_id), k.archived_at, k.current_value
  FROM key_results k JOIN objectives o ON o.id = k.objective_id
  UNION ALL
  SELECT id, org_id, key, 'kpi', title, unit_id, archived_at, current_value FROM kpis
  UNION ALL
  SELECT id, org_id, key, 'initiative', title, unit_id, archived_at, NULL::numeric FROM initiatives;
