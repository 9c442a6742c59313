import { execFileSync } from 'child_process';
import request from 'supertest';
import { useTestApp } from '../support/test-app';

/** The built console at /console, with a security policy of its own; every other path keeps the API's. */
describe('the console as static files', () => {
  beforeAll(() => {
    execFileSync('bash', ['scripts/build-web-if-stale.sh'], { stdio: 'inherit' });
  }, 120_000);
  const api = useTestApp({ consoleMap: { tileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png', tileAttribution: '© example' } });

  it('serves the page and its hashed assets, and its policy allows only itself, the API and the configured tiles', async () => {
    const page = await request(api.baseUrl).get('/console/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("img-src 'self' data: https://tiles.example.cn");
    expect(csp).toContain("frame-ancestors 'none'");
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page.text)![1]!;
    const asset = await request(api.baseUrl).get(script).expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await request(api.baseUrl).get('/console').expect(301);
  });

  it('keeps the API policy elsewhere: no tile server, nothing of the console', async () => {
    const health = await request(api.baseUrl).get('/health');
    const csp = health.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('tiles.example.cn');
    expect(csp).not.toContain("connect-src 'self'");
  });
});
