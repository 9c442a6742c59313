import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, AppConfig } from '../../infra/config/app-config';
import { PreparedJson, prepareJson } from './export-response';

/** The bytes an entry is counted for while it is still being built (its size is not known yet). */
const BUILDING_SIZE_BYTES = 64 * 1024;

interface Entry {
  fingerprint: string;
  prepared: Promise<PreparedJson>;
}

/**
 * Prepared JSON answers (body, gzip, ETag) kept per process under a key and the fingerprint of what they
 * were built from. The caller reads the fingerprint from PostgreSQL on every request (one small query),
 * so an entry is served only while everything it printed is unchanged, whichever process or writer
 * changed it: several API processes each hold their own cache and none can serve another's stale answer.
 * Bounded by bytes (LRU). Builds in flight are shared: sixteen phones asking at once for a day not yet
 * cached cost one build, not sixteen.
 */
@Injectable()
export class PreparedJsonCache {
  private readonly entries: LRUCache<string, Entry>;

  /**
   * MANIFEST_CACHE_BYTES, 64 MiB by default: a 30-stop, 120-parcel run is 34 KB of JSON (about 40 KB with
   * its gzip), so some hundreds of routes and drivers' days.
   */
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.entries = new LRUCache<string, Entry>({ maxSize: config.manifestCacheBytes, sizeCalculation: () => BUILDING_SIZE_BYTES });
  }

  /**
   * The answer for `key` built from what `fingerprint` names: the kept one when its fingerprint is the
   * same, else `build()` prepared (and kept). The fingerprint must be read before `build` reads its
   * sources, so that what is kept is never older than the fingerprint it is kept under.
   */
  get(key: string, fingerprint: string, build: () => Promise<unknown>): Promise<PreparedJson> {
    const kept = this.entries.get(key);
    if (kept?.fingerprint === fingerprint) return kept.prepared;
    const entry: Entry = { fingerprint, prepared: build().then(prepareJson) };
    this.entries.set(key, entry);
    entry.prepared.then(
      (prepared) => {
        // Counted at its real size once built, unless a newer build took its place meanwhile (a copy:
        // the LRU keeps the size it has for a value set again as it is).
        if (this.entries.peek(key)?.prepared === entry.prepared) this.entries.set(key, { ...entry }, { size: sizeOf(prepared) });
      },
      () => {
        if (this.entries.peek(key)?.prepared === entry.prepared) this.entries.delete(key);
      },
    );
    return entry.prepared;
  }
}

/** The JSON's bytes and its gzip, which is made with the entry: every phone asks for it. */
function sizeOf(prepared: PreparedJson): number {
  return prepared.utf8.length + prepared.gzip().length;
}
