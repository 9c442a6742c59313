import { randomBytes } from 'crypto';
import { dropDatabasesWhere, newRunId, runStartedAtMs, withAdmin } from './test-database';

/** Runs older than this are crashed leftovers; nothing alive runs that long (CI's limit is 90 minutes). */
const STALE_AFTER_MS = 3 * 60 * 60 * 1000;

/**
 * Names this run and clears crashed runs' leftovers. The template database is built by the first test
 * file that needs one (test-database.ts), so the pure tests start at once instead of waiting for it.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_RUN_ID = newRunId();
  // The key that seals webhook secrets, for every test file and the API and worker processes they spawn.
  process.env.WEBHOOK_SECRET_KEY ||= randomBytes(32).toString('base64');
  await withAdmin((admin) => dropDatabasesWhere(admin, (name) => (runStartedAtMs(name) ?? Date.now()) > Date.now() - STALE_AFTER_MS));
}
