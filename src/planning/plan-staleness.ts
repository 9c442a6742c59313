import { EntityManager } from 'typeorm';
import { DomainError } from '../infra/errors/domain-error';
import { Plan } from './plan.entity';

/**
 * Refuses (409 `stale_version`, nothing written) a publish or an edit made on a plan that a newer
 * version of its wave replaces, or made against a revision the plan has moved on from since the
 * caller read it (`expectedRevision`). Call it with the plan row locked.
 */
export async function assertCurrentPlan(manager: EntityManager, plan: Plan, expectedRevision: number | undefined): Promise<void> {
  const latest: Array<{ version: number }> = await manager.query(`SELECT max(version) AS version FROM plan WHERE county_id = $1 AND service_date = $2 AND wave = $3`, [
    plan.countyId,
    plan.serviceDate,
    plan.wave,
  ]);
  const latestVersion = Number(latest[0]?.version ?? plan.version);
  if (latestVersion > plan.version) {
    throw new DomainError('stale_version', `plan version ${plan.version} is stale: wave ${plan.wave} has version ${latestVersion}`, [], {
      version: plan.version,
      latestVersion,
    });
  }
  if (expectedRevision !== undefined && expectedRevision !== plan.revision) {
    throw new DomainError('stale_version', `plan is at revision ${plan.revision}, not ${expectedRevision}: it changed since it was read; read it again`, [], {
      expectedRevision,
      revision: plan.revision,
    });
  }
}
