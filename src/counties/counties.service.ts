import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ApiKeyResolver, keyPrincipal, Principal } from '../infra/auth/principal';
import { conflict, notFound } from '../infra/errors/domain-error';
import { ApiKey, ApiKeyRole } from './api-key.entity';
import { hashApiKey, newApiKeySecret } from './api-key-secret';
import { County } from './county.entity';
import { preparedQuery } from '../infra/database/prepared-query';
import { rowVersionsSql } from '../infra/database/row-versions';

export interface CountyInput {
  name: string;
  nameEn?: string | null;
  adminCode: string;
  timeZone?: string;
  /** Only on creation (createWithAdminKey); the column's default (7) otherwise. */
  planningHorizonDays?: number;
}

/** What an admin may change on the county itself. */
export interface CountySettings {
  planningHorizonDays?: number;
  hubSortFenPerParcel?: number;
  townshipHandoverFenPerParcel?: number;
}

/** The largest planning horizon: a year ahead is already far beyond any platform's promise. */
export const MAX_PLANNING_HORIZON_DAYS = 366;

/** SQL: the row versions of the counties in the uuid[] expression `ids`, for a cached view of them to be checked against (rowVersionsSql). */
export function countyVersionsSql(ids: string): string {
  return rowVersionsSql('county', 'id', ids);
}

@Injectable()
export class CountiesService implements ApiKeyResolver {
  constructor(
    @InjectRepository(County) private readonly counties: Repository<County>,
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
  ) {}

  /** Every operator request asks this (revocation shows at once): a prepared statement, no entity built. */
  async resolve(secret: string): Promise<Principal | null> {
    const [key] = await preparedQuery<{ id: string; county_id: string; role: ApiKeyRole }>(
      this.apiKeys.manager.connection,
      'api-key-by-hash',
      'SELECT id, county_id, role FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL',
      [hashApiKey(secret)],
    );
    return key ? keyPrincipal(key.id, key.county_id, key.role) : null;
  }

  async get(countyId: string): Promise<County> {
    const county = await this.counties.findOne({ where: { id: countyId } });
    if (!county) throw notFound('county', countyId);
    return county;
  }

  findByAdminCode(adminCode: string): Promise<County | null> {
    return this.counties.findOne({ where: { adminCode } });
  }

  /** Every county, by admin code: for the operator's command line, never the API (a key sees one county). */
  listAll(): Promise<County[]> {
    return this.counties.find({ order: { adminCode: 'ASC' } });
  }

  /**
   * Creates a new county with its first admin key (the secret is returned once), in one transaction:
   * a county never exists without a way in. A county with that admin code already: 409.
   */
  async createWithAdminKey(input: CountyInput, keyName: string): Promise<{ county: County; secret: string }> {
    return this.counties.manager.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(County)
        .values({
          name: input.name,
          nameEn: input.nameEn ?? null,
          adminCode: input.adminCode,
          timeZone: input.timeZone ?? 'Asia/Shanghai',
          ...(input.planningHorizonDays === undefined ? {} : { planningHorizonDays: input.planningHorizonDays }),
        })
        .orIgnore()
        .returning('id')
        .execute();
      if (inserted.raw.length === 0) throw conflict(`a county with admin code ${input.adminCode} already exists`);
      const county = await manager.findOneOrFail(County, { where: { adminCode: input.adminCode } });
      const secret = newApiKeySecret();
      await manager.save(ApiKey, manager.create(ApiKey, apiKeyRow(county.id, keyName, 'admin', secret)));
      return { county, secret };
    });
  }

  async updateSettings(countyId: string, settings: CountySettings): Promise<County> {
    const county = await this.get(countyId);
    if (settings.planningHorizonDays !== undefined) county.planningHorizonDays = settings.planningHorizonDays;
    if (settings.hubSortFenPerParcel !== undefined) county.hubSortFenPerParcel = settings.hubSortFenPerParcel;
    if (settings.townshipHandoverFenPerParcel !== undefined) county.townshipHandoverFenPerParcel = settings.townshipHandoverFenPerParcel;
    return this.counties.save(county);
  }

  /** Creates the county, or returns the existing one with that admin code (seeding is re-runnable). */
  async upsert(input: CountyInput): Promise<County> {
    await this.counties
      .createQueryBuilder()
      .insert()
      .values({ name: input.name, nameEn: input.nameEn ?? null, adminCode: input.adminCode, timeZone: input.timeZone ?? 'Asia/Shanghai' })
      .orUpdate(['name', 'name_en', 'time_zone'], ['admin_code'])
      .execute();
    return (await this.findByAdminCode(input.adminCode))!;
  }

  /**
   * Stores a key for the county. `secret` lets the demo take a key from DEMO_API_KEY; otherwise a
   * new random one is made. The secret is returned once and never stored.
   */
  async createApiKey(countyId: string, name: string, role: ApiKeyRole, secret = newApiKeySecret()): Promise<{ key: ApiKey; secret: string }> {
    const keyHash = hashApiKey(secret);
    const existing = await this.apiKeys.findOne({ where: { keyHash } });
    if (existing) return { key: existing, secret };
    const key = await this.apiKeys.save(this.apiKeys.create(apiKeyRow(countyId, name, role, secret)));
    return { key, secret };
  }

  /** Keys of one county, newest first; only hashes are stored, so only prefixes can be shown. */
  listApiKeys(countyId: string): Promise<ApiKey[]> {
    return this.apiKeys.find({ where: { countyId }, order: { createdAt: 'DESC' } });
  }

  /** Revokes a key of this county; revoking twice is harmless. A key of another county is not found. */
  async revokeApiKey(countyId: string, keyId: string): Promise<ApiKey> {
    const key = await this.apiKeys.findOne({ where: { countyId, id: keyId } });
    if (!key) throw notFound('API key', keyId);
    if (!key.revokedAt) {
      key.revokedAt = new Date();
      await this.apiKeys.save(key);
    }
    return key;
  }

  /** Bumps the network version inside the caller's transaction, so caches keyed on it go stale atomically. */
  async bumpNetworkVersion(manager: EntityManager, countyId: string): Promise<number> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affectedCount], not the rows alone.
    const [rows]: [Array<{ network_version: number }>, number] = await manager.query(
      'UPDATE county SET network_version = network_version + 1, updated_at = now() WHERE id = $1 RETURNING network_version',
      [countyId],
    );
    if (rows.length === 0) throw notFound('county', countyId);
    return rows[0]!.network_version;
  }

  /**
   * Locks the county row for the rest of the caller's transaction. Every node or road write takes it
   * first, so writes to one county's network run one after the other ("one hub per county" holds,
   * and each write moves the network version once); other counties are not blocked.
   */
  async lockCounty(manager: EntityManager, countyId: string): Promise<void> {
    const rows: unknown[] = await manager.query('SELECT id FROM county WHERE id = $1 FOR UPDATE', [countyId]);
    if (rows.length === 0) throw notFound('county', countyId);
  }

  /** The county's network version as the caller's transaction sees it (its snapshot, its lock). */
  async networkVersion(manager: EntityManager, countyId: string): Promise<number> {
    const rows: Array<{ network_version: number }> = await manager.query('SELECT network_version FROM county WHERE id = $1', [countyId]);
    if (rows.length === 0) throw notFound('county', countyId);
    return rows[0]!.network_version;
  }
}

/** A new key's row: only the hash and a short prefix of the secret are kept. */
function apiKeyRow(countyId: string, name: string, role: ApiKeyRole, secret: string): Partial<ApiKey> {
  return { countyId, name, role, keyHash: hashApiKey(secret), keyPrefix: secret.slice(0, 12), revokedAt: null };
}
