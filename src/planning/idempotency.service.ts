import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { DataSource, IsNull } from 'typeorm';
import { DomainError, validationFailed } from '../infra/errors/domain-error';
import { IdempotencyRecord } from './idempotency-record.entity';

export interface IdempotentRequest {
  countyId: string;
  /** The `Idempotency-Key` header; without it the request simply runs. */
  key: string | undefined;
  /** `METHOD path` */
  scope: string;
  body: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * A claim with no answer after this long belongs to a process that died mid-request: the key may be
 * claimed again. Far above any edit's or publish's run time.
 */
export const IDEMPOTENCY_LEASE_S = 300;

/**
 * `Idempotency-Key` on operator POSTs: the first answer is stored with the key; the same key with
 * the same request gets that answer again without running anything, the same key with another
 * request is refused (409). Only successful answers are stored, so a refused request can be retried
 * once the dispatcher has fixed what was wrong.
 *
 * The key is claimed (a row without an answer, committed) before the work starts, so two concurrent
 * requests with one key run the work once: the second gets 409 `idempotency_in_progress` and, retried,
 * the first one's answer. Nothing waits on a lock, so no request holds a database connection idle.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<Response>(request: IdempotentRequest, action: () => Promise<Response>): Promise<Response> {
    if (request.key === undefined) return action();
    if (!KEY_PATTERN.test(request.key)) {
      throw validationFailed('Idempotency-Key must be 1-255 printable ASCII characters', [{ field: 'Idempotency-Key', message: 'invalid' }]);
    }
    const requestHash = createHash('sha256')
      .update(`${request.scope}\n${canonicalJson(request.body)}`)
      .digest('hex');
    const repository = this.dataSource.getRepository(IdempotencyRecord);
    // A claim that fails and a record that is gone: the claimant refused and let the key go meanwhile; claim again.
    for (let attempt = 0; !(await this.claim(request, requestHash)); attempt++) {
      const stored = await repository.findOne({ where: { countyId: request.countyId, key: request.key } });
      if (stored) return replay(stored, requestHash) as Response;
      if (attempt >= 2)
        throw new DomainError('idempotency_in_progress', 'this Idempotency-Key is being claimed and released concurrently; retry', [], { idempotencyKey: request.key });
    }
    let response: Response;
    try {
      response = await action();
    } catch (error) {
      // Refusals are not kept: the key is free for the corrected request.
      await repository.delete({ countyId: request.countyId, key: request.key, requestHash, completedAt: IsNull() });
      throw error;
    }
    await repository.update({ countyId: request.countyId, key: request.key, requestHash }, { responseBody: response as object, completedAt: () => 'now()' });
    return response;
  }

  /** Inserts the key without an answer; true when this request now owns it (new, or a dead claimant's past its lease). */
  private async claim(request: IdempotentRequest, requestHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_record (county_id, key, scope, request_hash, response_body, completed_at) VALUES ($1, $2, $3, $4, NULL, NULL)
       ON CONFLICT (county_id, key) DO UPDATE SET scope = EXCLUDED.scope, request_hash = EXCLUDED.request_hash, created_at = now()
        WHERE idempotency_record.completed_at IS NULL AND idempotency_record.created_at < now() - make_interval(secs => $5)
       RETURNING key`,
      [request.countyId, request.key, request.scope, requestHash, IDEMPOTENCY_LEASE_S],
    );
    return rows.length > 0;
  }
}

function replay(stored: IdempotencyRecord, requestHash: string): unknown {
  if (stored.requestHash !== requestHash) {
    throw new DomainError('conflict', 'this Idempotency-Key was already used for a different request', [], { idempotencyKey: stored.key, firstUsedFor: stored.scope });
  }
  if (stored.completedAt === null) {
    throw new DomainError('idempotency_in_progress', 'a request with this Idempotency-Key is still running; retry it to get its answer', [], { idempotencyKey: stored.key });
  }
  return stored.responseBody;
}

/** JSON with sorted keys, so the same body written in another key order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
