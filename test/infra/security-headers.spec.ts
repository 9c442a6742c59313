import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { loadAppConfig } from '../../src/infra/config/app-config';
import { securityHeaders } from '../../src/infra/http/console-static';

/** Headers of the transport, not of the policy. */
const TRANSPORT = new Set(['date', 'connection', 'content-length', 'etag', 'keep-alive']);

/** The headers a response carries, less those of the transport. */
async function headersOf(app: express.Express, path: string): Promise<Record<string, string>> {
  const response = await request(app).get(path);
  return Object.fromEntries(Object.entries(response.headers as Record<string, string>).filter(([name]) => !TRANSPORT.has(name)));
}

function appWith(middleware: express.RequestHandler): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get(/.*/, (_request, response) => void response.send('ok'));
  return app;
}

describe('security headers', () => {
  it("are exactly helmet's, recorded once and replayed: its policy less upgrade-insecure-requests on the API, the console's own under /console", async () => {
    const config = loadAppConfig({ CONSOLE_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' });
    const replayed = appWith(securityHeaders(config));
    const api = await headersOf(replayed, '/v1/webhooks/x/shipments');
    expect(api).toEqual(await headersOf(appWith(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } })), '/v1/webhooks/x/shipments'));
    const console = await headersOf(replayed, '/console/index.html');
    expect(console['content-security-policy']).toContain("img-src 'self' data: https://tiles.example.org");
    expect(console['content-security-policy']).toContain("frame-ancestors 'none'");
    expect({ ...console, 'content-security-policy': undefined }).toEqual({ ...api, 'content-security-policy': undefined });
  });
});
