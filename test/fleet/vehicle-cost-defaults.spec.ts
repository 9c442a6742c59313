import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VEHICLE_CLASSES } from '@rural-dispatch/routing';
import { DEFAULT_VEHICLE_COSTS } from '../../src/fleet/vehicle-cost-defaults';

describe('vehicle cost defaults', () => {
  it('cover every vehicle class with costs above 0', () => {
    expect(Object.keys(DEFAULT_VEHICLE_COSTS).sort()).toEqual([...VEHICLE_CLASSES].sort());
    for (const costs of Object.values(DEFAULT_VEHICLE_COSTS)) for (const fen of Object.values(costs)) expect(fen).toBeGreaterThan(0);
  });

  it('are the figures docs/planning.md documents', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'planning.md'), 'utf8');
    for (const [vehicleClass, costs] of Object.entries(DEFAULT_VEHICLE_COSTS)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| ${vehicleClass} `));
      const figures = row
        ?.split('|')
        .slice(2, 5)
        .map((cell) => Number(cell.trim().replaceAll(',', '')));
      expect({ vehicleClass, figures }).toEqual({ vehicleClass, figures: [costs.fixedCostFen, costs.costPerKmFen, costs.costPerHourFen] });
    }
  });
});
