import { AppConfig } from '../../src/infra/config/app-config';
import { PreparedJsonCache } from '../../src/planning/manifests/prepared-json-cache';

const MIB = 1024 * 1024;
/** Pseudo-random hex text: an answer counted at its bytes plus its gzip (about half of them). */
const body = (characters: number, seed: number) => ({
  text: Array.from({ length: characters / 8 }, (_, index) => ((index * 2654435761 + seed) >>> 0).toString(16).padStart(8, '0')).join(''),
});

describe('PreparedJsonCache', () => {
  const cache = (bytes: number) => new PreparedJsonCache({ manifestCacheBytes: bytes } as AppConfig);

  it('keeps an answer while its fingerprint is unchanged and builds it again when it changed', async () => {
    const prepared = cache(MIB);
    const first = await prepared.get('route:a', 'v1', async () => ({ name: '何坝村' }));
    expect(JSON.parse(first.utf8.toString())).toEqual({ name: '何坝村' });
    expect(await prepared.get('route:a', 'v1', async () => ({ name: 'never built' }))).toBe(first);
    const changed = await prepared.get('route:a', 'v2', async () => ({ name: '何坝新村' }));
    expect(JSON.parse(changed.utf8.toString())).toEqual({ name: '何坝新村' });
    expect(changed.etag).not.toBe(first.etag);
  });

  it('shares one build between requests that arrive while it runs', async () => {
    const prepared = cache(MIB);
    let release!: () => void;
    const started = new Promise<void>((resolve) => (release = resolve));
    const builds: string[] = [];
    const build = (label: string) => async () => {
      builds.push(label);
      await started;
      return { label };
    };
    const waiting = [prepared.get('runs:d', 'v1', build('first')), prepared.get('runs:d', 'v1', build('second'))];
    release();
    const [one, two] = await Promise.all(waiting);
    expect(one).toBe(two);
    expect(builds).toEqual(['first']);
  });

  it('keeps no failed build: the next request builds again', async () => {
    const prepared = cache(MIB);
    await expect(prepared.get('route:b', 'v1', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    await new Promise((resolve) => setImmediate(resolve));
    expect(JSON.parse((await prepared.get('route:b', 'v1', async () => ({ ok: true }))).utf8.toString())).toEqual({ ok: true });
  });

  it('holds no more than its byte budget, dropping the least recently asked first', async () => {
    const prepared = cache(MIB);
    // Each answer is 200 KiB of text + about 108 KiB of gzip ≈ 308 KiB: three fit in 1 MiB, four do not.
    for (const key of ['a', 'b', 'c']) await prepared.get(key, 'v1', async () => body(200 * 1024, key.charCodeAt(0)));
    const a = await prepared.get('a', 'v1', async () => ({ rebuilt: 'a' }));
    expect(a.utf8.toString()).not.toContain('rebuilt');
    await prepared.get('d', 'v1', async () => body(200 * 1024, 100));
    // b was the least recently asked: it went; a (asked again above), c and d stayed.
    expect((await prepared.get('b', 'v1', async () => ({ rebuilt: 'b' }))).utf8.toString()).toContain('rebuilt');
    expect((await prepared.get('d', 'v1', async () => ({ rebuilt: 'd' }))).utf8.toString()).not.toContain('rebuilt');
  });
});
