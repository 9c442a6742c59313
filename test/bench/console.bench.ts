/**
 * The console's first load on the demo county. Run: `npm run bench:console [-- --loads 5
 * --time-limit 2 --json]`. On a scratch database and queue prefix of its own it seeds Xihe, pushes
 * its shipments through the signed webhook, scans them in and plans wave 1 with an in-process
 * worker; then, in Debian's chromium (playwright-core), it opens /console signed in, each time in a
 * fresh browser context (empty cache: a cold load), and times from navigation until the plan's routes
 * and the county's 420 nodes are drawn on the map. The API runs in this process. It also reports the
 * console's JavaScript and CSS, gzipped (level 9), as built in web/dist.
 */
import 'reflect-metadata';
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { gzipSync } from 'zlib';
import { createHttpApp } from '../../src/app-setup';
import { integerBetween } from '../../src/cli/option-parsers';
import { startInProcessWorker } from '../../src/demo/in-process-worker';
import { withScratchConfig } from '../support/scratch-app';
import { benchCommand, runBench } from './bench-command';
import { launchChromium, waitForCounts } from './console-browser';
import { createConsoleUser, plannedDemoCounty } from './planned-demo-county';

const options = benchCommand('bench:console', "time the console's cold first load on the planned demo county, and weigh its bundle")
  .option('--loads <n>', 'cold loads to time', integerBetween(1, 100), 5)
  .option('--time-limit <s>', 'solver seconds for the plan', integerBetween(1, 600), 2)
  .option('--json', 'print the figures as JSON')
  .parse()
  .opts<{ loads: number; timeLimit: number; json?: boolean }>();

const SERVICE_DATE = '2026-11-30';
const PASSWORD = 'bench console password';
const REPO_ROOT = path.resolve(__dirname, __dirname.includes(path.join('dist', 'test')) ? '../../..' : '../..');

/** Bytes of the built console's files of one extension, raw and gzipped. */
function bundleBytes(extension: string): { files: number; rawBytes: number; gzipBytes: number } {
  const assets = path.join(REPO_ROOT, 'web', 'dist', 'assets');
  const files = readdirSync(assets).filter((name) => name.endsWith(extension));
  const contents = files.map((name) => readFileSync(path.join(assets, name)));
  return {
    files: files.length,
    rawBytes: contents.reduce((sum, content) => sum + content.length, 0),
    gzipBytes: contents.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0),
  };
}

async function main(): Promise<void> {
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'build-web-if-stale.sh')], { stdio: 'inherit' });
  const clockStart = process.env.CLOCK_START ? undefined : new Date(`${SERVICE_DATE}T06:00:00+08:00`);
  await withScratchConfig(
    `rd_bench_console_${process.pid}`,
    async (config) => {
      const app = await createHttpApp(config);
      await app.listen(0, '127.0.0.1');
      const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
      const browser = await launchChromium();
      try {
        const demo = await plannedDemoCounty(app, SERVICE_DATE, () => startInProcessWorker(config), options.timeLimit);
        await createConsoleUser(app, demo.countyId, 'bench', 'viewer', PASSWORD);
        const signIn = await fetch(`${baseUrl}/v1/console/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ county: demo.adminCode, username: 'bench', password: PASSWORD }),
        });
        const token = /rd_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')![1]!;
        const plan = (await (await fetch(`${baseUrl}/v1/counties/${demo.countyId}/plans/${demo.planId}`, { headers: { authorization: `Bearer ${demo.apiKey}` } })).json()) as {
          routes: unknown[];
        };
        const routes = plan.routes.length;

        const loadsMs: number[] = [];
        for (let load = 0; load < options.loads; load++) {
          const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
          await context.addCookies([{ name: 'rd_session', value: token, url: baseUrl }]);
          const page = await context.newPage();
          const startedAt = performance.now();
          await page.goto(`${baseUrl}/console/#/today?date=${SERVICE_DATE}`);
          await waitForCounts(page, { 'path.node': 420, 'path.route': routes }, 60_000);
          loadsMs.push(performance.now() - startedAt);
          await context.close();
        }
        const sorted = [...loadsMs].sort((a, b) => a - b);
        const figures = {
          county: `Xihe demo (${demo.adminCode}): 420 nodes, ${routes} routes`,
          loads: options.loads,
          firstLoadMs: Math.round(loadsMs[0]!),
          medianLoadMs: Math.round(sorted[Math.floor((sorted.length - 1) / 2)]!),
          maxLoadMs: Math.round(sorted[sorted.length - 1]!),
          goalMs: 2000,
          javascript: bundleBytes('.js'),
          css: bundleBytes('.css'),
          javascriptGoalGzipBytes: 500 * 1024,
        };
        if (options.json) {
          console.log(JSON.stringify(figures));
        } else {
          console.log(`console first load on ${figures.county}, cold cache each time, ${figures.loads} loads (goal ≤ ${figures.goalMs} ms):`);
          console.log(`  first ${figures.firstLoadMs} ms, median ${figures.medianLoadMs} ms, max ${figures.maxLoadMs} ms`);
          console.log(
            `  JavaScript: ${figures.javascript.files} file(s), ${(figures.javascript.rawBytes / 1024).toFixed(1)} KiB, gzipped ${(figures.javascript.gzipBytes / 1024).toFixed(1)} KiB (goal ≤ 500 KiB)`,
          );
          console.log(`  CSS: ${(figures.css.rawBytes / 1024).toFixed(1)} KiB, gzipped ${(figures.css.gzipBytes / 1024).toFixed(1)} KiB`);
        }
      } finally {
        await browser.close();
        await app.close();
      }
    },
    // A sealing key of its own for the scratch platforms' webhook secrets (WEBHOOK_SECRET_KEY need not be set).
    { ...(clockStart ? { clockStart } : {}), logLevel: 'silent', secretKeys: [randomBytes(32)] },
  );
}

runBench(main);
