import { dropDatabasesWhere, withAdmin } from './test-database';

/** Drops this run's template and any database a test file left behind. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.TEST_RUN_ID;
  if (!runId) return;
  await withAdmin((admin) => dropDatabasesWhere(admin, (name) => !name.startsWith(`rdt_${runId}_`)));
}
