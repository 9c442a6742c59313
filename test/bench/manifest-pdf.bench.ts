/**
 * PDF manifest render time. Run: `npm run bench:manifest [-- --stops 30 --parcels 4 --runs 20 --lang zh
 * --out manifest.pdf --json]`. Renders the A4 driver manifest of one synthetic route (`--stops`
 * village stops, `--parcels` parcels each with a Code 128 barcode, a produce pickup every fifth stop,
 * cash on delivery on every third parcel) through the same renderer as
 * GET .../routes/{routeId}/manifest?format=pdf, without the database: the figure is the rendering alone.
 * The first render is reported apart (it opens the CJK font file); then the median, fastest and
 * slowest of `--runs` renders, the PDF size and the CPU time (user + system) per render.
 */
import { writeFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { integerBetween } from '../../src/cli/option-parsers';
import { instantToLocalIso } from '../../src/planning/planner/local-time';
import type { ManifestShipment, ManifestStop, RouteDriverManifest } from '../../src/planning/manifests/driver-manifest';
import { ManifestLanguage } from '../../src/planning/manifests/manifest-labels';
import { renderRouteManifestsPdf } from '../../src/planning/manifests/manifest-pdf';
import { benchCommand } from './bench-command';

const options = benchCommand('bench:manifest', 'PDF manifest render time for one route')
  .option('--stops <n>', 'village stops on the route', integerBetween(1), 30)
  .option('--parcels <n>', 'parcels delivered per stop', integerBetween(0), 4)
  .option('--runs <n>', 'renders after the first', integerBetween(1), 20)
  .option('--lang <lang>', 'zh or en', 'zh')
  .option('--out <file>', 'write the last PDF here')
  .option('--json', 'print the figures as JSON')
  .parse()
  .opts<{ stops: number; parcels: number; runs: number; lang: string; out?: string; json?: boolean }>();

const TIME_ZONE = 'Asia/Shanghai';
const start = Date.parse('2026-11-29T23:30:00Z');
const local = (offsetS: number) => instantToLocalIso(new Date(start + offsetS * 1000), TIME_ZONE);
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['小明', '秀英', '建国', '桂兰', '志强', '玉梅'];

function shipment(stop: number, index: number, direction: 'inbound' | 'outbound_pickup', village: { code: string; name: string }): ManifestShipment {
  const id = `JD${String(stop * 100 + index).padStart(10, '0')}`;
  const cod = direction === 'inbound' && index % 3 === 0 ? 4_990 + index * 1_000 : 0;
  return {
    shipmentId: `00000000-0000-4000-8000-${String(stop * 100 + index).padStart(12, '0')}`,
    platformShipmentId: id,
    direction,
    village,
    contact: { name: `${SURNAMES[(stop + index) % SURNAMES.length]}${GIVEN[index % GIVEN.length]}`, phone: `+86138${String(stop * 100 + index).padStart(8, '0')}` },
    cashOnDeliveryFen: cod,
    parcels: [{ barcode: `${id}-1`, weightG: 800 + index * 350, cashOnDeliveryFen: cod }],
  };
}

function syntheticManifest(): RouteDriverManifest {
  const stops: ManifestStop[] = Array.from({ length: options.stops }, (_, i) => {
    const code = `621225${String(100 + Math.floor(i / 6)).padStart(3, '0')}${String(201 + i).padStart(3, '0')}`;
    const village = { code, name: `${['何坝', '石堡', '长道', '洛峪', '大桥', '卢河'][i % 6]}${i + 1}村` };
    const deliveries = Array.from({ length: options.parcels }, (_, index) => shipment(i, index, 'inbound', village));
    const pickups = i % 5 === 4 ? [shipment(i, 90, 'outbound_pickup', village)] : [];
    return {
      id: `stop-${i + 1}`,
      sequence: i + 1,
      kind: 'village',
      place: { id: `node-${i}`, code, name: village.name, tier: 'village_point', coordinates: [105.3 + i * 0.01, 34.0 + i * 0.005] },
      arrivalAt: local(1_800 + i * 900),
      departureAt: local(2_100 + i * 900),
      deliveries,
      pickups,
      cashOnDeliveryFen: deliveries.reduce((sum, entry) => sum + entry.cashOnDeliveryFen, 0),
    };
  });
  const parcels = (kind: 'deliveries' | 'pickups') => stops.reduce((sum, stop) => sum + stop[kind].length, 0);
  return {
    county: { id: 'county', name: '西和县', adminCode: '621225', timeZone: TIME_ZONE },
    plan: { id: 'plan', serviceDate: '2026-11-30', wave: 1 },
    route: { id: 'route', routeNumber: 3, echelon: 'last_mile', departureAt: local(0), returnAt: local(2_400 + options.stops * 900), distanceM: 86_400 },
    vehicle: { id: 'vehicle', code: 'TRI-07', vehicleClass: 'tricycle' },
    driver: { id: 'driver', name: '张师傅', phone: '+8613800138001' },
    start: { id: 'station', code: 'T3', name: '长道镇服务站', tier: 'township_station', coordinates: [105.28, 34.02] },
    stops,
    totals: { parcelsToDeliver: parcels('deliveries'), parcelsToPickUp: parcels('pickups'), cashOnDeliveryFen: stops.reduce((sum, stop) => sum + stop.cashOnDeliveryFen, 0) },
    phonesMasked: false,
  };
}

async function timed(manifest: RouteDriverManifest): Promise<{ wallMs: number; cpuMs: number; pdf: Buffer }> {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const pdf = await renderRouteManifestsPdf([manifest], options.lang as ManifestLanguage, '');
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs: performance.now() - wallStart, cpuMs: (cpu.user + cpu.system) / 1000, pdf };
}

async function main(): Promise<void> {
  if (options.lang !== 'zh' && options.lang !== 'en') throw new Error('--lang must be zh or en');
  const manifest = syntheticManifest();
  const first = await timed(manifest);
  const runs: Array<{ wallMs: number; cpuMs: number; pdf: Buffer }> = [];
  for (let run = 0; run < options.runs; run++) runs.push(await timed(manifest));
  const walls = runs.map((run) => run.wallMs).sort((a, b) => a - b);
  const last = runs[runs.length - 1]!;
  if (options.out) writeFileSync(options.out, last.pdf);
  const pages = (last.pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  const figures = {
    stops: options.stops,
    parcels: manifest.totals.parcelsToDeliver + manifest.totals.parcelsToPickUp,
    pages,
    pdfBytes: last.pdf.length,
    firstRenderMs: Math.round(first.wallMs),
    medianMs: Math.round(walls[Math.floor(walls.length / 2)]!),
    fastestMs: Math.round(walls[0]!),
    slowestMs: Math.round(walls[walls.length - 1]!),
    cpuMsPerRender: Math.round(runs.reduce((sum, run) => sum + run.cpuMs, 0) / runs.length),
    runs: options.runs,
  };
  if (options.json) {
    console.log(JSON.stringify(figures, null, 2));
    return;
  }
  console.log(`PDF manifest, one route: ${figures.stops} stops, ${figures.parcels} parcels (Code 128 each), ${figures.pages} A4 pages, ${(figures.pdfBytes / 1024).toFixed(1)} KB`);
  console.log(`  first render (opens the font)  ${figures.firstRenderMs} ms`);
  console.log(
    `  median of ${figures.runs} renders        ${figures.medianMs} ms (fastest ${figures.fastestMs}, slowest ${figures.slowestMs}); CPU ${figures.cpuMsPerRender} ms per render`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
