-- The batch start read the stored items with a join on array subscripts of generate_subscripts,
-- which the planner estimates at 1,000 rows, so it hashed the whole integration_issues table for
-- every batch. Unnesting the arrays gives it a small estimate and a lookup by primary key per
-- delivery. The function is otherwise unchanged.
CREATE OR REPLACE FUNCTION integration_deliveries_begin(p_org_ids text[], p_connection_ids uuid[], p_delivery_ids text[],
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
    SELECT d.s::integer, d.s = ANY (fresh_ordinals), i.issue_id IS NOT NULL, i.initiative_id, i.issue_updated,
           i.revision, i.parent_issue_id
    FROM unnest(p_org_ids, p_connection_ids, p_issue_ids) WITH ORDINALITY AS d(org_id, connection_id, issue_id, s)
    LEFT JOIN integration_issues i ON i.connection_id = d.connection_id AND i.issue_id = d.issue_id
      AND i.org_id = d.org_id
    ORDER BY d.s;
END $$;
