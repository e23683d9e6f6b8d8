-- Custom Azure DevOps states: a map per connection from state name to state category, because a
-- service hook payload carries the state name only and inherited processes add states of their own.
-- Keys are the names as entered; matching ignores case and surrounding spaces. Values are the wire
-- names proposed, in_progress, resolved, completed and removed. Jira connections keep it empty.
ALTER TABLE integration_connections ADD COLUMN state_map jsonb NOT NULL DEFAULT '{}'::jsonb
  CHECK (jsonb_typeof(state_map) = 'object');
