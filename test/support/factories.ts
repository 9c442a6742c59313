import { INestApplicationContext } from '@nestjs/common';
import { randomInt } from 'crypto';
import { ApiKeyRole } from '../../src/counties/api-key.entity';
import { CountiesService } from '../../src/counties/counties.service';
import { County } from '../../src/counties/county.entity';

export interface CountyWithKey {
  county: County;
  apiKey: string;
  authorization: string;
}

/** A county with a key of the given role; admin codes are random so several can live in one database. */
export async function createCounty(app: INestApplicationContext, overrides: { name?: string; adminCode?: string; role?: ApiKeyRole } = {}): Promise<CountyWithKey> {
  const counties = app.get(CountiesService);
  const county = await counties.upsert({
    name: overrides.name ?? 'Test County',
    adminCode: overrides.adminCode ?? String(randomInt(100000, 999999)),
  });
  const { secret } = await counties.createApiKey(county.id, 'test key', overrides.role ?? 'admin');
  return { county, apiKey: secret, authorization: `Bearer ${secret}` };
}
