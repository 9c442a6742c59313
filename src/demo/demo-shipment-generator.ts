import { Random } from '@rural-dispatch/routing';

export interface DemoVillage {
  adminCode: string | null;
  name: string;
  townshipName: string | null;
  lon: number;
  lat: number;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '马', '何'];
const GIVEN_NAMES = ['建国', '秀英', '小明', '红梅', '志强', '桂兰', '海燕', '国平', '玉珍', '军'];
const PRODUCE = [
  { name: '花椒', weightG: 5_000, declaredValueFen: 40_000 },
  { name: '核桃', weightG: 10_000, declaredValueFen: 25_000 },
  { name: '土豆', weightG: 20_000, declaredValueFen: 6_000 },
  { name: '蜂蜜', weightG: 3_000, declaredValueFen: 18_000 },
];

/** Metres to degrees near 34°N, enough for a jitter of a few hundred metres. */
const jitterDegrees = (random: Random, metres: number) => ((random.nextFloat() * 2 - 1) * metres) / 111_000;

/**
 * A day's realistic, seeded shipments to the county's villages: mostly 12-digit codes, some GPS
 * coordinates near the village, some hand-written addresses, and a few produce pickups. Ids carry the
 * date, so re-running the same day repeats the same shipments (duplicates, not new rows).
 */
export function generateDemoShipments(villages: DemoVillage[], options: { date: string; count: number; seed: number }): Array<Record<string, unknown>> {
  const random = new Random(options.seed);
  const pick = <T>(values: readonly T[]): T => values[random.nextInt(values.length)]!;
  const promisedBy = new Date(`${options.date}T18:00:00+08:00`);
  promisedBy.setUTCDate(promisedBy.getUTCDate() + 3);
  return Array.from({ length: options.count }, (_, index) => {
    const village = pick(villages);
    const id = `DEMO-${options.date.replace(/-/g, '')}-${String(index + 1).padStart(5, '0')}`;
    const contact = { name: pick(SURNAMES) + pick(GIVEN_NAMES), phone: `1${3 + random.nextInt(6)}${String(random.nextInt(1_000_000_000)).padStart(9, '0')}` };
    const roll = random.nextFloat();
    const destination =
      roll < 0.6 && village.adminCode
        ? { villageCode: village.adminCode }
        : roll < 0.8
          ? { coordinate: [Number((village.lon + jitterDegrees(random, 300)).toFixed(6)), Number((village.lat + jitterDegrees(random, 300)).toFixed(6))] }
          : { address: { township: village.townshipName ?? undefined, village: village.name, detail: '村委会旁' } };
    if (random.nextFloat() < 0.08) {
      const produce = pick(PRODUCE);
      return {
        id,
        direction: 'outbound_pickup',
        serviceLevel: 'economy',
        contact,
        destination,
        parcels: [{ barcode: `${id}-1`, weightG: produce.weightG, dimensions: { length: 50, width: 40, height: 30, unit: 'cm' }, declaredValueFen: produce.declaredValueFen }],
      };
    }
    const parcelCount = 1 + (random.nextFloat() < 0.15 ? 1 : 0);
    return {
      id,
      direction: 'inbound',
      serviceLevel: random.nextFloat() < 0.2 ? 'express' : 'standard',
      promisedBy: promisedBy.toISOString(),
      contact,
      destination,
      parcels: Array.from({ length: parcelCount }, (_unused, parcel) => ({
        barcode: `${id}-${parcel + 1}`,
        weightG: 200 + random.nextInt(8_000),
        dimensions: { length: 100 + random.nextInt(400), width: 100 + random.nextInt(300), height: 50 + random.nextInt(250), unit: 'mm' },
        declaredValueFen: 1_000 + random.nextInt(50_000),
        cashOnDeliveryFen: random.nextFloat() < 0.1 ? 1_000 + random.nextInt(20_000) : 0,
      })),
    };
  });
}
