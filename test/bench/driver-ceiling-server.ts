/**
 * The ceiling of bench:driver: the least a server must do to answer GET /v1/driver/runs, with plain
 * Node and no framework. It checks the driver's access token exactly as the API does (HS256 pinned,
 * issuer, audience, expiry; the same secret), reads the same manifest body from PostgreSQL with one
 * query, gzips it and sends it. Env: DATABASE_URL, PORT.
 */
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import { accessTokenJwtOptions, DriverAccessClaims } from '../../src/driver/auth/access-tokens';

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  // A key object made once, as the API does: raw bytes would be tried as a public key on every request.
  const secret = createSecretKey((await pool.query('SELECT secret FROM driver_token_key WHERE id = 1')).rows[0].secret as Buffer);
  const jwt = new JwtService(accessTokenJwtOptions(secret));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return void response.end('ok');
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    let claims: DriverAccessClaims;
    try {
      claims = jwt.verify<DriverAccessClaims>(match?.[1] ?? '');
    } catch {
      response.statusCode = 401;
      return void response.end();
    }
    pool
      .query('SELECT body FROM bench_driver_runs WHERE driver_id = $1 AND service_date = $2', [claims.sub, url.searchParams.get('date')])
      .then(({ rows }) => {
        response.setHeader('content-type', 'application/json; charset=utf-8');
        response.setHeader('content-encoding', 'gzip');
        response.end(gzipSync(rows[0]?.body ?? '{"runs":[]}'));
      })
      .catch(() => {
        response.statusCode = 500;
        response.end();
      });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
