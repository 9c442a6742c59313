import { AlnsInstance } from './alns-instance';

// Weights of distance, time and size in Shaw relatedness (Ropke & Pisinger 2006: 9, 3, 2).
const DISTANCE_WEIGHT = 9;
const TIME_WEIGHT = 3;
const SIZE_WEIGHT = 2;

/**
 * Relatedness of two requests (lower = more related): distance between their first stops and
 * between their last stops, gap between their earliest window opens, and difference in size, each
 * normalised by its largest value in the instance. Measured on the first vehicle's profile.
 */
export function buildRelatedness(instance: AlnsInstance): (a: number, b: number) => number {
  const size = instance.matrixSize[0] ?? 0;
  const distance = instance.vehicleDistance[0];
  const { requestCount, dimensions } = instance;
  const firstLocation = new Int32Array(requestCount);
  const lastLocation = new Int32Array(requestCount);
  const firstOpenS = new Float64Array(requestCount);
  const lastOpenS = new Float64Array(requestCount);
  const amount = new Float64Array(requestCount);
  const opensAt = (stop: number): number => (instance.twOffset[stop] === instance.twOffset[stop + 1] ? 0 : instance.twStartS[instance.twOffset[stop]]);
  let maxOpenS = 1;
  let maxAmount = 1;
  for (let r = 0; r < requestCount; r++) {
    const first = instance.requestFirstStop[r];
    const last = instance.requestIsShipment[r] ? first + 1 : first;
    firstLocation[r] = instance.stopLocation[first];
    lastLocation[r] = instance.stopLocation[last];
    firstOpenS[r] = opensAt(first);
    lastOpenS[r] = opensAt(last);
    for (let d = 0; d < dimensions; d++) amount[r] += instance.requestAmount[r * dimensions + d];
    maxOpenS = Math.max(maxOpenS, firstOpenS[r], lastOpenS[r]);
    maxAmount = Math.max(maxAmount, amount[r]);
  }
  let maxDistance = 1;
  if (distance) {
    const used = new Set<number>([...firstLocation, ...lastLocation]);
    for (const a of used) for (const b of used) maxDistance = Math.max(maxDistance, distance[a * size + b]);
  }
  return (a: number, b: number): number => {
    const distanceTerm = distance ? distance[firstLocation[a] * size + firstLocation[b]] + distance[lastLocation[a] * size + lastLocation[b]] : 0;
    const timeTerm = Math.abs(firstOpenS[a] - firstOpenS[b]) + Math.abs(lastOpenS[a] - lastOpenS[b]);
    return (DISTANCE_WEIGHT * distanceTerm) / maxDistance + (TIME_WEIGHT * timeTerm) / maxOpenS + (SIZE_WEIGHT * Math.abs(amount[a] - amount[b])) / maxAmount;
  };
}
