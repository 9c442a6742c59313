import { NODE_TIERS, OpeningHoursRule } from '../network-node.entity';
import { CLOCK_TIME } from '../../infra/time/clock-time';
import { ADMIN_CODE, MAX_INT32, NODE_CODE } from '../../infra/validation/input-rules';
import { ProblemCollector } from './field-checks';
import { NodeImportRow } from './network-import.types';
import { readServiceCalendar } from '../service-calendar';

type Properties = Record<string, unknown>;

/** Field-level checks of one node feature (`Point`); rules between features live in the collection validator. */
export function readNodeFeature(problems: ProblemCollector, index: number, geometry: Properties, properties: Properties): NodeImportRow | null {
  const at = `features[${index}]`;
  const before = problems.count;
  if (geometry.type !== 'Point') problems.add(`${at}.geometry.type`, 'a node must be a Point');
  const position = geometry.type === 'Point' ? problems.position(`${at}.geometry.coordinates`, geometry.coordinates) : undefined;
  const tier = problems.oneOf(`${at}.properties.tier`, properties.tier, NODE_TIERS);
  const code = problems.requiredString(`${at}.properties.code`, properties.code, 32, NODE_CODE);
  const parentCode = problems.optionalString(`${at}.properties.parent`, properties.parent, 32, NODE_CODE);
  const name = problems.requiredString(`${at}.properties.name`, properties.name, 200);
  const adminCode = problems.optionalString(`${at}.properties.adminCode`, properties.adminCode, 12, ADMIN_CODE);
  const elevationM = problems.optionalInteger(`${at}.properties.elevationM`, properties.elevationM, -500, 9000);
  const serviceTimeS = problems.optionalInteger(`${at}.properties.serviceTimeS`, properties.serviceTimeS, 0, 86_400);
  const storage = problems.optionalInteger(`${at}.properties.storageCapacityParcels`, properties.storageCapacityParcels, 0, MAX_INT32);
  const syntheticLocation = problems.optionalBoolean(`${at}.properties.syntheticLocation`, properties.syntheticLocation);
  const openingHours = readOpeningHours(problems, `${at}.properties.openingHours`, properties.openingHours);
  const serviceCalendar = readServiceCalendar(problems, `${at}.properties.serviceCalendar`, properties.serviceCalendar);
  if (serviceCalendar && tier === 'county_hub') problems.add(`${at}.properties.serviceCalendar`, 'a county_hub has no service calendar (villages and township stations do)');
  if (problems.count > before) return null;
  return {
    featureIndex: index,
    code: code!,
    tier: tier!,
    parentCode: parentCode ?? null,
    name: name!,
    adminCode: adminCode ?? null,
    lon: position![0],
    lat: position![1],
    elevationM: elevationM ?? null,
    serviceTimeS: serviceTimeS ?? 300,
    storageCapacityParcels: storage ?? null,
    openingHours: openingHours ?? null,
    serviceCalendar: serviceCalendar ?? null,
    syntheticLocation: syntheticLocation ?? false,
  };
}

/** `[{ days: [1..7], open: "HH:MM", close: "HH:MM" }]`; absent or null means always open. */
export function readOpeningHours(problems: ProblemCollector, field: string, value: unknown): OpeningHoursRule[] | null | undefined {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    problems.add(field, 'must be a list of { days, open, close }');
    return undefined;
  }
  const before = problems.count;
  const rules = value.map((rule: unknown, ruleIndex): OpeningHoursRule => {
    const at = `${field}[${ruleIndex}]`;
    const candidate = (typeof rule === 'object' && rule !== null ? rule : {}) as Properties;
    const days = candidate.days;
    if (!Array.isArray(days) || days.length === 0 || !days.every((day) => Number.isInteger(day) && day >= 1 && day <= 7)) {
      problems.add(`${at}.days`, 'must be a non-empty list of ISO weekdays 1..7');
    }
    const open = problems.requiredString(`${at}.open`, candidate.open, 5, CLOCK_TIME);
    const close = problems.requiredString(`${at}.close`, candidate.close, 5, CLOCK_TIME);
    if (open && close && open >= close) problems.add(`${at}.close`, 'must be later than open');
    return { days: days as number[], open: open!, close: close! };
  });
  return problems.count > before ? undefined : rules;
}
