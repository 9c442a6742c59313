import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'fs';
import helmet from 'helmet';
import * as path from 'path';
import { AppConfig } from '../config/app-config';

export const CONSOLE_PATH = '/console';

/** web/dist of the repository, from src/ (jest) or dist/src/ (the build). */
function defaultConsoleDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'web', 'dist');
}

type HeaderList = Array<[name: string, value: string]>;

/**
 * The headers a helmet policy sets, recorded once. Helmet 8 reads nothing of the request and our
 * policies have no per-request values (no nonces), so every response gets the same list: replaying it
 * costs a loop of setHeader instead of a chain of a dozen middlewares per request. (Helmet also removes
 * X-Powered-By, which app-setup disables.)
 */
function recordHeaders(policy: ReturnType<typeof helmet>): HeaderList {
  const headers: HeaderList = [];
  const recorder = { setHeader: (name: string, value: string) => headers.push([name, value]), removeHeader: () => undefined };
  let finished = false;
  policy({} as Request, recorder as unknown as Response, () => (finished = true));
  if (!finished) throw new Error('helmet did not set its headers synchronously; replaying them would drop some');
  return headers;
}

/**
 * Helmet on every response: helmet's policy (less upgrade-insecure-requests) everywhere, and on
 * /console only a policy written for the console: its own scripts and styles, the API (connect-src
 * 'self'), and images from itself or the configured tile server. Nothing else is loosened.
 */
export function securityHeaders(config: AppConfig): (request: Request, response: Response, next: NextFunction) => void {
  // A county's API on plain http (a lab, a LAN) would otherwise have browsers fetch Swagger UI's scripts over https and show a blank /docs.
  const api = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  const tileOrigin = config.consoleMap.tileUrl ? new URL(config.consoleMap.tileUrl.replace(/\{[a-z]\}/g, 'a')).origin : null;
  const console = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Leaflet positions its panes with inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', ...(tileOrigin ? [tileOrigin] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  const apiHeaders = recordHeaders(api);
  const consoleHeaders = recordHeaders(console);
  return (request, response, next) => {
    const path = request.path;
    for (const [name, value] of path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`) ? consoleHeaders : apiHeaders) response.setHeader(name, value);
    next();
  };
}

/** The console's built files at /console (hashed assets cached for a year, index.html always revalidated). */
export function serveConsole(app: NestExpressApplication, config: AppConfig): void {
  const dir = config.consoleDir ?? defaultConsoleDir();
  if (!existsSync(path.join(dir, 'index.html'))) {
    app.use(CONSOLE_PATH, (_request: Request, response: Response) => {
      response.status(404).type('text/plain').send('the console is not built: npm run build (or npm run build:web)\n');
    });
    return;
  }
  app.useStaticAssets(dir, {
    prefix: `${CONSOLE_PATH}/`,
    index: 'index.html',
    setHeaders: (response, file) => {
      response.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
