-- Cadence: indexes for time travel, check-in lists and due lists.

-- Time travel finds the nodes that were aligned below a node at some instant by the parent named
-- in their stored definitions (objectives: parentId or parentKeyResultId; key results: objectiveId).
CREATE INDEX definition_history_parent ON definition_history
  (org_id, (coalesce(definition->>'parentId', definition->>'parentKeyResultId', definition->>'objectiveId')));

-- Check-ins of a key result, newest first, paged by (observed_at, id).
CREATE INDEX check_ins_org_kr_time_id ON check_ins (org_id, key_result_id, observed_at DESC, id DESC);

-- Objectives of a cycle that are still live, for close previews, exports and due lists.
CREATE INDEX objectives_org_cycle_live ON objectives (org_id, cycle_id) WHERE archived_at IS NULL;
