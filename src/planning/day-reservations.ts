/**
 * SQL condition over `plan p` joined to `plan_route r`, with $1 the county, $2 the service date, $3 the
 * plan at hand and $4 the version it supersedes: the routes of the day that other plans hold, with
 * their vehicles' time and their shipments. Those of the day's other published or completed plans,
 * and of the version being replaced only the dispatched (or done) and locked ones, which stay fixed
 * and move over to the new version when it is published. Drafts reserve nothing.
 */
export const ROUTES_RESERVED_BY_OTHER_PLANS = `(p.county_id = $1 AND p.service_date = $2
  AND ((p.lifecycle IN ('published', 'completed') AND p.id <> $3 AND p.id IS DISTINCT FROM $4::uuid)
    OR (p.id = $4::uuid AND (r.status <> 'planned' OR r.locked))))`;
