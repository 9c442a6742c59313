import { offsetPoint, type LonLat } from '../../src/demo/county/geo';
import { DayDemand, DemandVillage, generateDayDemand, PLATFORM_SHARES, WEEK_DEMAND_RULE } from '../../src/demo/week-demand';

const HUB: LonLat = [105.3, 34.0];

/** 40 villages on rings 5 km to 40 km from the hub, every fourth one an urban community. */
const VILLAGES: DemandVillage[] = Array.from({ length: 40 }, (_, index) => ({
  code: `6212251${String(index).padStart(5, '0')}`,
  location: offsetPoint(HUB, (index * 2 * Math.PI) / 10, 5_000 * (1 + Math.floor(index / 5))),
  urban: index % 4 === 0,
}));

const shipmentsOf = (day: DayDemand) => day.byPlatform.flat();

describe('the week bench demand (generateDayDemand)', () => {
  it('gives the same day for the same seed, and another for another seed', () => {
    const options = { seed: 7, dayIndex: 2, date: '2026-12-02' };
    expect(generateDayDemand(VILLAGES, HUB, options)).toEqual(generateDayDemand(VILLAGES, HUB, options));
    expect(shipmentsOf(generateDayDemand(VILLAGES, HUB, { ...options, seed: 8 }))).not.toEqual(shipmentsOf(generateDayDemand(VILLAGES, HUB, options)));
    expect(shipmentsOf(generateDayDemand(VILLAGES, HUB, { ...options, dayIndex: 3 }))).not.toEqual(shipmentsOf(generateDayDemand(VILLAGES, HUB, options)));
  });

  it('holds the documented sizes: parcels and pickups within the spread, express about 5 %, one or two parcels a shipment', () => {
    const day = generateDayDemand(VILLAGES, HUB, { seed: 1, dayIndex: 0, date: '2026-11-30' });
    const spread = WEEK_DEMAND_RULE.dayToDaySpread;
    const inbound = shipmentsOf(day).filter((shipment) => shipment.direction === 'inbound');
    const pickups = shipmentsOf(day).filter((shipment) => shipment.direction === 'outbound_pickup');
    expect(day.inboundParcels).toBe(inbound.reduce((sum, shipment) => sum + shipment.parcels.length, 0));
    expect(day.inboundParcels).toBeGreaterThanOrEqual(WEEK_DEMAND_RULE.inboundParcelsPerDay * (1 - spread));
    expect(day.inboundParcels).toBeLessThanOrEqual(WEEK_DEMAND_RULE.inboundParcelsPerDay * (1 + spread) + 1);
    expect(pickups).toHaveLength(day.pickups);
    expect(day.pickups).toBeGreaterThanOrEqual(WEEK_DEMAND_RULE.pickupsPerDay * (1 - spread));
    expect(day.pickups).toBeLessThanOrEqual(WEEK_DEMAND_RULE.pickupsPerDay * (1 + spread));
    expect(day.expressParcels / day.inboundParcels).toBeGreaterThan(0.03);
    expect(day.expressParcels / day.inboundParcels).toBeLessThan(0.07);
    expect(inbound.every((shipment) => shipment.parcels.length >= 1 && shipment.parcels.length <= 2)).toBe(true);
    expect(day.byPlatform).toHaveLength(PLATFORM_SHARES.length);
    expect(new Set(shipmentsOf(day).map((shipment) => shipment.id)).size).toBe(shipmentsOf(day).length);
  });

  it('sends more inbound parcels per village near the hub than far from it', () => {
    const day = generateDayDemand(VILLAGES, HUB, { seed: 3, dayIndex: 0, date: '2026-11-30' });
    const ring = new Map(VILLAGES.map((village, index) => [village.code, Math.floor(index / 5)]));
    const parcelsByRing = new Array<number>(8).fill(0);
    for (const shipment of shipmentsOf(day)) if (shipment.direction === 'inbound') parcelsByRing[ring.get(shipment.destination.villageCode)!]! += shipment.parcels.length;
    expect(parcelsByRing[0]!).toBeGreaterThan(parcelsByRing[3]!);
    expect(parcelsByRing[3]!).toBeGreaterThan(parcelsByRing[7]!);
  });
});
