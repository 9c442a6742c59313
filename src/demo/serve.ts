import { spawn } from 'child_process';
import * as path from 'path';
import { AppConfig } from '../infra/config/app-config';
import { API_NODE_FLAGS } from '../infra/process/api-node-flags';
import { DemoReport } from './demo-report';

/** `--serve`: the API and one worker as child processes, stopped together on Ctrl-C. */
export function serveUntilStopped(config: AppConfig, report: DemoReport): Promise<number> {
  const root = path.join(__dirname, '..');
  const env = { ...process.env, PORT: String(config.port), LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };
  const children = [[...API_NODE_FLAGS, path.join(root, 'main.js')], [path.join(root, 'worker.js')]].map((argv) => spawn(process.execPath, argv, { env, stdio: 'inherit' }));
  report.line();
  report.line(`Serving: API on http://localhost:${config.port} (docs at /docs) and a worker. Ctrl-C stops both.`);
  return new Promise((resolve) => {
    let exited = 0;
    const stop = () => children.forEach((child) => child.kill('SIGTERM'));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    for (const child of children) {
      child.once('exit', (code) => {
        exited++;
        stop();
        if (exited === children.length) resolve(code ?? 0);
      });
    }
  });
}
