-- A plan the batch start cached while integration_issues was small could keep scanning the table
-- after it grew (seen in a test run: one sequential scan per delivery). Planning the lookup for
-- each call uses the table's current size, so it stays a primary-key lookup per delivery.
ALTER FUNCTION integration_deliveries_begin(text[], uuid[], text[], text[], text[])
  SET plan_cache_mode = force_custom_plan;
