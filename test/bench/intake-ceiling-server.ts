/**
 * The ceiling bench:intake compares the API with: a plain Node HTTP server that reads the body,
 * parses it and stores it in a two-insert PostgreSQL transaction (a row, then an event naming it), on
 * a pg pool the API's size, and answers 200. No auth, no validation, no framework: what any intake
 * on this machine and this database could reach. Run by intake.bench.ts as its own process.
 * Environment: DATABASE_URL, PORT.
 */
import { createServer } from 'http';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
pool.on('error', () => undefined);

async function store(body: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query<{ id: string }>('INSERT INTO ceiling_shipment (body) VALUES ($1) RETURNING id', [body]);
    await client.query(`INSERT INTO ceiling_event (shipment_id, type) VALUES ($1, 'shipment.created')`, [inserted.rows[0]!.id]);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}

async function main(): Promise<void> {
  await pool.query('CREATE TABLE IF NOT EXISTS ceiling_shipment (id bigserial PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  await pool.query('CREATE TABLE IF NOT EXISTS ceiling_event (id bigserial PRIMARY KEY, shipment_id bigint NOT NULL REFERENCES ceiling_shipment (id), type text NOT NULL)');
  createServer((request, response) => {
    if (request.method !== 'POST') {
      response.end('ok');
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      JSON.parse(body);
      store(body)
        .then(() => {
          response.setHeader('content-type', 'application/json');
          response.end('{"accepted":true}');
        })
        .catch(() => {
          response.statusCode = 503;
          response.end();
        });
    });
  }).listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
