import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../infra/config/app-config';
import { DomainError, notFound, validationFailed } from '../../infra/errors/domain-error';
import { DriverPrincipal } from '../auth/access-tokens';
import { DriverProof } from './driver-proof.entity';
import { PROOF_STORAGE, ProofStorage } from './proof-storage';

/** The types a phone's camera or signature pad produces, each with the bytes its files start with. */
export const PROOF_CONTENT_TYPES: Record<string, (bytes: Buffer) => boolean> = {
  'image/jpeg': (bytes) => bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  'image/png': (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP',
};

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Proof photos and signatures, uploaded on their own by content hash: a PUT of the same bytes again is
 * a no-op, and an event may name a proof before its upload arrives (a phone sends small events first).
 * A driver reads back only the proofs they uploaded; the county centre reads any of its county's.
 */
@Injectable()
export class ProofsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PROOF_STORAGE) private readonly storage: ProofStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(driver: DriverPrincipal, sha256: string, contentType: string | undefined, body: unknown): Promise<{ created: boolean; proof: DriverProof }> {
    assertHash(sha256);
    const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const looksRight = PROOF_CONTENT_TYPES[type];
    if (!looksRight) throw new DomainError('unsupported_media_type', `Content-Type must be one of ${Object.keys(PROOF_CONTENT_TYPES).join(', ')}`);
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    if (bytes.length === 0) throw validationFailed('the body is empty: send the file itself', [{ field: 'body', message: 'empty' }]);
    if (bytes.length > this.config.driverApp.proofMaxBytes) throw new DomainError('payload_too_large', `a proof may be at most ${this.config.driverApp.proofMaxBytes} bytes`);
    if (!looksRight(bytes)) throw new DomainError('unsupported_media_type', `the bytes are not a ${type} file`);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256)
      throw validationFailed(`the body's SHA-256 is ${actual}, not the ${sha256} named in the path`, [{ field: 'sha256', message: 'does not match the body' }]);
    await this.storage.put(storageKey(driver.countyId, sha256), bytes);
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO driver_proof (driver_id, sha256, county_id, content_type, size_bytes) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING sha256`,
      [driver.driverId, sha256, driver.countyId, type, bytes.length],
    );
    const proof = await this.dataSource.getRepository(DriverProof).findOneByOrFail({ driverId: driver.driverId, sha256 });
    return { created: inserted.length > 0, proof };
  }

  /** A proof the driver uploaded; another driver's is not found. */
  async readOwn(driver: DriverPrincipal, sha256: string): Promise<{ proof: DriverProof; bytes: Buffer }> {
    assertHash(sha256);
    return this.read(await this.dataSource.getRepository(DriverProof).findOneBy({ driverId: driver.driverId, sha256, countyId: driver.countyId }), sha256);
  }

  /** For the county centre: a proof any of the county's drivers uploaded. */
  async readInCounty(countyId: string, sha256: string): Promise<{ proof: DriverProof; bytes: Buffer }> {
    assertHash(sha256);
    return this.read(await this.dataSource.getRepository(DriverProof).findOneBy({ countyId, sha256 }), sha256);
  }

  /** Which of the hashes have been uploaded in the county. */
  async uploaded(countyId: string, hashes: readonly string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const rows: Array<{ sha256: string }> = await this.dataSource.query('SELECT DISTINCT sha256 FROM driver_proof WHERE county_id = $1 AND sha256 = ANY($2::text[])', [
      countyId,
      [...new Set(hashes)],
    ]);
    return new Set(rows.map((row) => row.sha256));
  }

  private async read(proof: DriverProof | null, sha256: string): Promise<{ proof: DriverProof; bytes: Buffer }> {
    const bytes = proof ? await this.storage.get(storageKey(proof.countyId, sha256)) : null;
    if (!proof || !bytes) throw notFound('proof', sha256);
    return { proof, bytes };
  }
}

function assertHash(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw validationFailed('the proof is named by the lower-case hex SHA-256 of its bytes', [{ field: 'sha256', message: 'must be 64 hex digits' }]);
}

const storageKey = (countyId: string, sha256: string) => `${countyId}/${sha256.slice(0, 2)}/${sha256}`;
