-- Webhook routes cache connections per node. Every committed update or delete of a connection row
-- (its secret, story point field, state map, or rules_version, which rule changes and archived
-- initiatives bump) notifies the nodes, which then drop their copy.
CREATE FUNCTION integration_connections_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('momentum_connections', OLD.id::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER integration_connections_notify
  AFTER UPDATE OR DELETE ON integration_connections
  FOR EACH ROW EXECUTE FUNCTION integration_connections_notify();
