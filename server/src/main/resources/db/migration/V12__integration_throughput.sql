-- Webhook throughput and children that follow their parent.

-- A counter that changes whenever the mapping of a connection may change: a rule is added, edited,
-- moved or deleted, or an initiative that a rule names is archived or restored. Webhook routes read
-- it with the connection on every delivery and reload their cached rules when it differs, so every
-- node of a cluster applies a rule change from its next delivery on.
ALTER TABLE integration_connections ADD COLUMN rules_version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION integration_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE integration_connections SET rules_version = rules_version + 1 WHERE id = OLD.connection_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.connection_id <> OLD.connection_id) THEN
    UPDATE integration_connections SET rules_version = rules_version + 1 WHERE id = NEW.connection_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER integration_mapping_rules_version AFTER INSERT OR UPDATE OR DELETE ON integration_mapping_rules
  FOR EACH ROW EXECUTE FUNCTION integration_rules_changed();

CREATE FUNCTION integration_initiative_archived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE integration_connections SET rules_version = rules_version + 1
  WHERE id IN (SELECT connection_id FROM integration_mapping_rules WHERE org_id = NEW.org_id AND initiative_id = NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER initiatives_integration_rules_version AFTER UPDATE OF archived_at ON initiatives
  FOR EACH ROW WHEN (OLD.archived_at IS DISTINCT FROM NEW.archived_at)
  EXECUTE FUNCTION integration_initiative_archived();

-- The last state sent of each item, so that a child can be sent again to another initiative when
-- its parent moves, and whether the item's initiative comes from its parent (no rule matched it).
-- Rows stored before this migration have no state and do not follow their parent.
ALTER TABLE integration_issues
  ADD COLUMN item_type text,
  ADD COLUMN status_category text,
  ADD COLUMN story_points numeric,
  ADD COLUMN follows_parent boolean NOT NULL DEFAULT false;
CREATE INDEX integration_issues_children ON integration_issues (connection_id, parent_issue_id) WHERE follows_parent;

-- Starts applying one webhook delivery inside the caller's transaction, in one round trip: records
-- the delivery id, and unless it was recorded before, takes the item's advisory lock and then reads
-- the item's stored state. Each statement of a volatile PL/pgSQL function reads a fresh snapshot,
-- so the read returns every change committed before the lock was granted. Returns no row for a repeated
-- delivery, and one row (with null columns when the item is new) otherwise.
CREATE FUNCTION integration_delivery_begin(p_org_id text, p_connection_id uuid, p_delivery_id text, p_event_type text,
                                           p_issue_id text, p_outcome text)
  RETURNS TABLE (stored boolean, initiative_id uuid, issue_updated timestamptz, revision integer, parent_issue_id text)
  LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO integration_deliveries (org_id, connection_id, delivery_id, event_type, issue_id, outcome)
  VALUES (p_org_id, p_connection_id, p_delivery_id, p_event_type, p_issue_id, p_outcome)
  ON CONFLICT (connection_id, delivery_id) DO NOTHING;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF p_outcome = 'epic' THEN
    RETURN QUERY SELECT false, NULL::uuid, NULL::timestamptz, NULL::integer, NULL::text;
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext(p_connection_id::text || '/' || p_issue_id));
  RETURN QUERY
    SELECT true, i.initiative_id, i.issue_updated, i.revision, i.parent_issue_id FROM integration_issues i
    WHERE i.org_id = p_org_id AND i.connection_id = p_connection_id AND i.issue_id = p_issue_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, NULL::uuid, NULL::timestamptz, NULL::integer, NULL::text;
  END IF;
END $$;

-- Starts applying a batch of webhook deliveries inside the caller's transaction. It takes the
-- deliveries in the order of their item's lock key, so concurrent batches lock in one order and
-- cannot deadlock each other. For each it records the delivery id and, unless it was recorded
-- before, takes the item's advisory lock. Then it reads the stored state of every item. Returns one row per array
-- position (1-based ordinal); fresh is false for a repeated delivery id.
CREATE FUNCTION integration_deliveries_begin(p_org_ids text[], p_connection_ids uuid[], p_delivery_ids text[],
                                             p_event_types text[], p_issue_ids text[])
  RETURNS TABLE (ordinal integer, fresh boolean, stored boolean, initiative_id uuid, issue_updated timestamptz,
                 revision integer, parent_issue_id text)
  LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  n integer;
  fresh_ordinals integer[] := '{}';
BEGIN
  FOR n IN SELECT s FROM generate_subscripts(p_delivery_ids, 1) AS s
           ORDER BY hashtext(p_connection_ids[s]::text || '/' || p_issue_ids[s]), s LOOP
    INSERT INTO integration_deliveries (org_id, connection_id, delivery_id, event_type, issue_id, outcome)
    VALUES (p_org_ids[n], p_connection_ids[n], p_delivery_ids[n], p_event_types[n], p_issue_ids[n], 'published')
    ON CONFLICT (connection_id, delivery_id) DO NOTHING;
    IF FOUND THEN
      PERFORM pg_advisory_xact_lock(hashtext(p_connection_ids[n]::text || '/' || p_issue_ids[n]));
      fresh_ordinals := fresh_ordinals || n;
    END IF;
  END LOOP;
  RETURN QUERY
    SELECT s, s = ANY (fresh_ordinals), i.issue_id IS NOT NULL, i.initiative_id, i.issue_updated, i.revision,
           i.parent_issue_id
    FROM generate_subscripts(p_delivery_ids, 1) AS s
    LEFT JOIN integration_issues i ON i.org_id = p_org_ids[s] AND i.connection_id = p_connection_ids[s]
      AND i.issue_id = p_issue_ids[s];
END $$;
