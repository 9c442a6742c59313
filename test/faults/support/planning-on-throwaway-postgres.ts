import { AppConfig } from '../../../src/infra/config/app-config';
import { ensureDatabase, runMigrations } from '../../../src/infra/database/migrate';
import { PlanningE2e, startPlanningE2e } from '../../planning/support/planning-e2e';
import { startThrowawayPostgres, ThrowawayPostgres } from '../../support/throwaway-services';

export interface PlanningOnThrowawayPostgres {
  postgres: ThrowawayPostgres;
  setup: PlanningE2e;
  close(): Promise<void>;
}

/**
 * An API and a worker (in this process, as the Redis fault tests run them: an 'error' event nobody
 * listens to fails the test) on a PostgreSQL of their own, migrated here, that the test may cut,
 * stop and restart. Redis is the shared one, under the test's own key prefix.
 */
export async function startPlanningOnThrowawayPostgres(overrides: Partial<AppConfig> = {}): Promise<PlanningOnThrowawayPostgres> {
  const postgres = await startThrowawayPostgres();
  try {
    const databaseUrl = postgres.databaseUrl('rd_fault');
    await ensureDatabase(databaseUrl);
    await runMigrations(databaseUrl);
    const setup = await startPlanningE2e({ ...overrides, databaseUrl });
    return {
      postgres,
      setup,
      async close() {
        await setup.close();
        await postgres.destroy();
      },
    };
  } catch (error) {
    await postgres.destroy();
    throw error;
  }
}
