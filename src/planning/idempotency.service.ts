import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { DataSource } from 'typeorm';
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
 * `Idempotency-Key` on operator POSTs: the first answer is stored with the key; the same key with
 * the same request gets that answer again without running anything, the same key with another
 * request is refused (409). Only successful answers are stored, so a refused request can be retried
 * once the dispatcher has fixed what was wrong.
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
    const stored = await repository.findOne({ where: { countyId: request.countyId, key: request.key } });
    if (stored) return replay(stored, requestHash) as Response;
    const response = await action();
    // A concurrent twin that finished first keeps its answer; this one's is dropped (both ran the
    // action, which for publish is itself guarded: the second finds the plan no longer a draft).
    await repository
      .createQueryBuilder()
      .insert()
      .values({ countyId: request.countyId, key: request.key, scope: request.scope, requestHash, responseBody: response as object })
      .orIgnore()
      .execute();
    return response;
  }
}

function replay(stored: IdempotencyRecord, requestHash: string): unknown {
  if (stored.requestHash !== requestHash) {
    throw new DomainError('conflict', 'this Idempotency-Key was already used for a different request', [], { idempotencyKey: stored.key, firstUsedFor: stored.scope });
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
