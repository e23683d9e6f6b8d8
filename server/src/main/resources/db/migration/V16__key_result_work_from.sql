-- A key result measured by work items may follow the work of initiatives of its organisation:
-- its items are then its own plus every item of those initiatives. The API checks the ids against
-- live initiatives of the same organisation when the key result is written. An initiative archived
-- later stops contributing, because archived initiatives leave the live state.
ALTER TABLE key_results ADD COLUMN work_from uuid[] NOT NULL DEFAULT '{}';
