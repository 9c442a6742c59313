import { DataSource } from 'typeorm';
import { PhoneNumbersE1641795930821955 } from '../../migrations/1795930821955-phone-numbers-e164';
import { databaseOptions } from '../../src/infra/database/database-options';
import { normalizePhoneNumber } from '../../src/infra/validation/phone-number';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';

describe('migration: phone numbers to E.164', () => {
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase();
    db = new DataSource(databaseOptions(url));
    await db.initialize();
  });

  afterAll(async () => {
    await db.destroy();
    await dropTestDatabase(url);
  });

  it('rewrites Chinese mobile numbers as the application now stores them, never two drivers onto one number', async () => {
    const [county] = await db.query(`INSERT INTO county (name, admin_code) VALUES ('Old data', '621225') RETURNING id`);
    const written = ['13800000001', '+86 138-0000-0002', '0086 13800000003', '138 0000 0004', '13800000004', '0939-1234567', '+8613800000005'];
    for (const [index, phone] of written.entries()) {
      await db.query(`INSERT INTO driver (county_id, name, phone, created_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [county.id, `driver ${index}`, phone, index]);
    }
    const runner = db.createQueryRunner();
    try {
      await new PhoneNumbersE1641795930821955().up(runner);
    } finally {
      await runner.release();
    }
    const rows: Array<{ name: string; phone: string }> = await db.query('SELECT name, phone FROM driver ORDER BY name');
    expect(rows.map((row) => row.phone)).toEqual([
      '+8613800000001',
      '+8613800000002',
      '+8613800000003',
      '+8613800000004',
      '13800000004', // the same number as driver 3, who came first: left for an operator to sort out
      '0939-1234567', // not a mobile number: normalised on its next update
      '+8613800000005',
    ]);
    // What the migration wrote is what the application would store.
    for (const row of rows.slice(0, 4)) expect(normalizePhoneNumber(row.phone)).toBe(row.phone);
  });
});
