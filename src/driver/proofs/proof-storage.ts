import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

/**
 * Where proof photos and signatures are kept, by key. Keys are content hashes, so a put of an existing
 * key writes the same bytes: every implementation may treat it as done. PostgresProofStorage is the
 * default (shared by every API process); the disk store is here; an S3-compatible store implements the
 * same three calls. A key that is not `segment/segment/...` of [A-Za-z0-9_-] is refused with a RangeError.
 */
export interface ProofStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  has(key: string): Promise<boolean>;
}

export const PROOF_STORAGE = Symbol('PROOF_STORAGE');

/** Files under one directory, `<key>` as the relative path; written to a temporary name and renamed, so a reader never sees half a file. */
export class DiskProofStorage implements ProofStorage {
  constructor(private readonly directory: string) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    if (await this.has(key)) return;
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    const target = this.pathOf(key);
    try {
      return (await stat(target)).isFile();
    } catch {
      return false;
    }
  }

  private pathOf(key: string): string {
    return path.join(this.directory, assertStorageKey(key));
  }
}

export const MAX_STORAGE_KEY_LENGTH = 200;

/** Every store takes the same keys: relative paths of plain segments, so no key escapes a directory or a prefix. */
export function assertStorageKey(key: string): string {
  if (key.length > MAX_STORAGE_KEY_LENGTH || !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(key)) throw new RangeError(`bad storage key ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}
