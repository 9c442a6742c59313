import { INestApplicationContext } from '@nestjs/common';
import { CountiesService } from '../counties/counties.service';
import { DriverAccountsService } from '../driver/auth/driver-accounts.service';
import { DriversService } from '../fleet/drivers.service';
import { PlanRequestsService } from '../planning/plan-requests.service';
import { ShipmentsQueryService } from '../shipments/shipments-query.service';

/** The demo drivers' PIN, unless DEMO_DRIVER_PIN says otherwise. */
export const DEMO_DRIVER_PIN = '246810';

/**
 * A demo driver of the published plan, given a PIN, and the curl lines of what the phone app does:
 * sign in, fetch the day's runs, sync one batch (leaving the base, delivering the first parcel). They
 * work pasted into bash while the API runs (`npm run demo -- --serve`, or `npm start`).
 */
export async function demoDriverCurls(app: INestApplicationContext, countyId: string, planId: string, baseUrl: string, pin = DEMO_DRIVER_PIN): Promise<string[]> {
  const { plan, routes } = await app.get(PlanRequestsService).getWithRoutes(countyId, planId);
  const route = routes.find((candidate) => candidate.driverId !== null && candidate.echelon === 'last_mile') ?? routes.find((candidate) => candidate.driverId !== null);
  if (!route) return ['(no route of the plan has a driver: the driver app has nothing to show)'];
  const driver = await app.get(DriversService).get(countyId, route.driverId!);
  await app.get(DriverAccountsService).setPin(countyId, driver.id, pin);
  const county = await app.get(CountiesService).get(countyId);
  const firstStop = (route.stops ?? []).find((stop) => stop.kind === 'village');
  const [delivery] = await app.get(ShipmentsQueryService).withParcels(countyId, firstStop?.shipmentIds.slice(0, 1) ?? []);
  const barcode = delivery?.shipment.direction === 'inbound' ? delivery.parcels[0]?.barcode : undefined;
  const signIn = JSON.stringify({ county: county.adminCode, phone: driver.phone, pin, device: { id: 'demo-phone-0001', name: 'demo phone' } });
  const event = (type: string, extra: string) =>
    `{\\"id\\":\\"$(node -p 'crypto.randomUUID()')\\",\\"type\\":\\"${type}\\",\\"routeId\\":\\"${route.id}\\",${extra}\\"recordedAt\\":\\"$NOW\\"}`;
  const events = [event('departed', ''), ...(barcode ? [event('delivered', `\\"stopId\\":\\"${firstStop!.id}\\",\\"barcode\\":\\"${barcode}\\",`)] : [])];
  return [
    `# ${driver.name} (${driver.phone}) drives route ${route.routeNumber} of ${plan.serviceDate}; PIN ${pin}`,
    `API=${baseUrl}`,
    `TOKEN=$(curl -s -X POST $API/v1/driver/sign-in -H 'Content-Type: application/json' -d '${signIn}' | node -pe 'JSON.parse(fs.readFileSync(0)).accessToken')`,
    `curl -s --compressed "$API/v1/driver/runs?date=${plan.serviceDate}" -H "Authorization: Bearer $TOKEN" | node -pe 'JSON.parse(fs.readFileSync(0)).runs.map((r) => r.manifest.vehicle.code + ": " + r.manifest.stops.map((s) => s.place.name).join(" → ")).join("\\n")'`,
    `NOW=$(date +%Y-%m-%dT%H:%M:%S%:z)`,
    `curl -s -X POST $API/v1/driver/events -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "{\\"sentAt\\":\\"$NOW\\",\\"events\\":[${events.join(',')}]}"`,
  ];
}
