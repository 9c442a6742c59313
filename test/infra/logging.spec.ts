import express from 'express';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { accessLog, IdentifiedRequest } from '../../src/infra/logging/access-log';
import { AppLogger, createRootLogger } from '../../src/infra/logging/app-logger';

/** A root logger at `level` whose JSON lines are kept in memory. */
function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const root = createRootLogger({ logLevel: level as 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { root, lines };
}

/** A bare Express app with the access log and one route, as app-setup mounts it. */
function appWith(root: ReturnType<typeof capture>['root']) {
  const app = express();
  app.use(accessLog(root));
  app.get('/v1/counties/:countyId/shipments', (req, res) => {
    (req as IdentifiedRequest).countyId = req.params.countyId;
    res.json({ id: (req as IdentifiedRequest).id });
  });
  return app;
}

describe('logging', () => {
  it("writes Nest's logger calls as one JSON line with the context and the fields, phone numbers redacted", () => {
    const { root, lines } = capture('info');
    const logger = new AppLogger(root);
    logger.warn({ countyId: 'c1', contact: { phone: '13800138000' }, contactPhone: '13800138000' }, 'a parcel needs attention', 'ShipmentIntakeService');
    logger.log('plain text', 'Bootstrap');
    logger.debug('below the level', 'Bootstrap');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        context: 'ShipmentIntakeService',
        countyId: 'c1',
        contact: { phone: '[redacted]' },
        contactPhone: '[redacted]',
        msg: 'a parcel needs attention',
      }),
      expect.objectContaining({ level: 30, context: 'Bootstrap', msg: 'plain text' }),
    ]);
  });

  it('serves as the logger of `new Logger(context)` once set with useLogger', () => {
    const { root, lines } = capture('info');
    Logger.overrideLogger(new AppLogger(root));
    try {
      new Logger('PlanningService').error({ err: new Error('boom'), planId: 'p1' }, 'plan failed');
    } finally {
      Logger.overrideLogger(true);
    }
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, context: 'PlanningService', planId: 'p1', msg: 'plan failed', err: expect.objectContaining({ message: 'boom' }) }),
    ]);
  });

  it('writes one access line per request: id, method, route template without the query, status, ms, county', async () => {
    const { root, lines } = capture('info');
    const answer = await request(appWith(root)).get('/v1/counties/c7/shipments?q=13800138000').set('X-Request-Id', 'platform-req-1').expect(200);
    expect(answer.body.id).toBe('platform-req-1');
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request',
        requestId: 'platform-req-1',
        method: 'GET',
        route: '/v1/counties/:countyId/shipments',
        status: 200,
        ms: expect.any(Number),
        countyId: 'c7',
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('13800138000');
  });

  it('gives each request an id of its own when the caller sends none or an unusable one, and writes no access line below info', async () => {
    const { root, lines } = capture('warn');
    const app = appWith(root);
    const first = await request(app).get('/v1/counties/c7/shipments').expect(200);
    const second = await request(app).get('/v1/counties/c7/shipments').set('X-Request-Id', 'not a token').expect(200);
    expect(first.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect(second.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect(second.body.id).not.toBe(first.body.id);
    expect(lines).toEqual([]);
  });
});
