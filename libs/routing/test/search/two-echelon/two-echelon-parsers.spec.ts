import { readFileSync } from 'fs';
import { join } from 'path';
import { detectFormat } from '../../../src/formats/registry';
import { parseHemmelmayr2ECvrp } from '../../../src/parsers/two-echelon-hemmelmayr';
import { parsePerboli2ECvrp } from '../../../src/parsers/two-echelon-perboli';
import { solveTwoEchelon } from '../../../src/search/two-echelon/two-echelon-solver';
import { errorOf } from '../../support/invalid-problem';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

/** Replaces 1-based line `lineNo` of `text`, keeping the file's line endings. */
function withLine(text: string, lineNo: number, replacement: string): string {
  const lines = text.split('\n');
  lines[lineNo - 1] = replacement + (lines[lineNo - 1].endsWith('\r') ? '\r' : '');
  return lines.join('\n');
}

describe('Perboli 2E-CVRP parser (Sets 2-4)', () => {
  it('reads Set 2 E-n22-k4-s6-17 (CRLF, depot numbered 0)', () => {
    const instance = parsePerboli2ECvrp(fixture('E-n22-k4-s6-17.dat'));
    expect(instance.name).toBe('E-n22-k4-s6-17');
    expect(instance.problem.satellites).toHaveLength(2);
    expect(instance.problem.customers).toHaveLength(21);
    expect(instance.problem.firstLevel).toMatchObject({ capacity: 15000, maxVehicles: 3 });
    expect(instance.problem.secondLevel).toMatchObject({ capacity: 6000, maxVehicles: 4 });
    expect(instance.coordinates.depot).toEqual([145, 215]);
    expect(instance.coordinates.satellites).toEqual([
      [146, 246],
      [147, 193],
    ]);
    expect(instance.problem.customers[0]).toEqual({ id: '1', demand: 1100 });
    expect(instance.problem.customers.reduce((sum, c) => sum + c.demand, 0)).toBe(22500);
  });

  it('reads Set 2 E-n51 whose nodes are numbered from 1', () => {
    const instance = parsePerboli2ECvrp(fixture('E-n51-k5-s2-17.dat'));
    expect(instance.coordinates.depot).toEqual([30, 40]);
    expect(instance.problem.customers).toHaveLength(50);
    expect(instance.problem.customers[0]).toEqual({ id: '2', demand: 7 });
  });

  it('reads Set 4 NODE_WEIGHT_DEMAND_SECTION with vehicles per satellite', () => {
    const instance = parsePerboli2ECvrp(fixture('Instance50-1.dat'));
    expect(instance.problem.customers).toHaveLength(50);
    expect(instance.problem.satellites).toEqual([
      { id: 'S1', maxVehicles: 4 },
      { id: 'S2', maxVehicles: 4 },
    ]);
    expect(instance.coordinates.depot).toEqual([43, 175]);
    expect(instance.coordinates.satellites[1]).toEqual([32.91, -2.5]);
  });

  it('reaches the proven optimum 417.07 of E-n22-k4-s6-17 within 0.5%', () => {
    const instance = parsePerboli2ECvrp(fixture('E-n22-k4-s6-17.dat'));
    const solution = solveTwoEchelon(instance.problem, { seed: 1, maxIterations: 300 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost / instance.problem.distanceScale).toBeLessThanOrEqual(417.07 * 1.005);
  });

  it('names the line and field of a bad coordinate', () => {
    const error = errorOf(() => parsePerboli2ECvrp(withLine(fixture('E-n22-k4-s6-17.dat'), 18, '5 163 abc')));
    expect(error.message).toBe('line 18: field y is not a number ("abc")');
  });

  it('names the line of a bad demand row and of a wrong satellite count', () => {
    expect(errorOf(() => parsePerboli2ECvrp(withLine(fixture('E-n22-k4-s6-17.dat'), 42, '2 -700'))).message).toBe(
      'line 42: field demand must be a non-negative integer (got -700)',
    );
    expect(errorOf(() => parsePerboli2ECvrp(withLine(fixture('E-n22-k4-s6-17.dat'), 5, 'SATELLITES : 3'))).message).toBe('line 5: SATELLITES says 3 but the file lists 2');
    expect(errorOf(() => parsePerboli2ECvrp(withLine(fixture('Instance50-1.dat'), 20, 'x 5 64 41 997 -1'))).where).toBe('line 20');
  });
});

describe('Hemmelmayr 2E-CVRP parser (Sets 5-6)', () => {
  it('reads Set 6a A-n51-4', () => {
    const instance = parseHemmelmayr2ECvrp(fixture('A-n51-4.dat'), 'A-n51-4');
    expect(instance.problem.satellites).toHaveLength(4);
    expect(instance.problem.satellites[0]).toEqual({ id: 'S1', maxVehicles: 50, handlingCost: 0 });
    expect(instance.problem.customers).toHaveLength(50);
    expect(instance.problem.firstLevel).toEqual({ capacity: 640, maxVehicles: 2, costPerDistance: 1, fixedCost: 0 });
    expect(instance.problem.secondLevel).toEqual({ capacity: 160, maxVehicles: 50, costPerDistance: 1, fixedCost: 0 });
    expect(instance.coordinates.depot).toEqual([1, 1]);
  });

  it('scales fixed and handling costs like distances', () => {
    const text = '!Trucks\n2,100,1,10\n!CF\n2,4,30,1,2.5\n!Stores\n0,0,0.0   5,5,1.5\n!Customers\n6,5,10   5,6,10\n';
    const instance = parseHemmelmayr2ECvrp(text, 'mini', 100);
    expect(instance.problem.firstLevel.fixedCost).toBe(1000);
    expect(instance.problem.secondLevel.fixedCost).toBe(250);
    expect(instance.problem.satellites[0].handlingCost).toBe(150);
  });

  it('names the line and field of bad input', () => {
    const base = fixture('A-n51-4.dat');
    expect(errorOf(() => parseHemmelmayr2ECvrp(withLine(base, 6, '50,50,160,1'))).message).toMatch(/^line 6: city freighters line must be/);
    expect(errorOf(() => parseHemmelmayr2ECvrp(withLine(base, 12, '37,52,7   49,x,30'))).message).toBe('line 12: field customer 2 must be a non-negative number (got "x")');
    expect(errorOf(() => parseHemmelmayr2ECvrp(withLine(base, 12, '37,52,7.5'))).message).toBe('line 12: customer entry 1: field demand must be a non-negative integer (got 7.5)');
  });
});

describe('2ecvrp format', () => {
  it('detects both layouts, prints text its own verifier accepts, and rejects a tampered cost', async () => {
    const text = fixture('E-n22-k4-s6-17.dat');
    const format = detectFormat(text, 'E-n22-k4-s6-17.dat');
    expect(format.id).toBe('2ecvrp');
    expect(detectFormat(fixture('A-n51-4.dat'), 'A-n51-4.dat').id).toBe('2ecvrp');
    const instance = format.parse(text, 'E-n22-k4-s6-17.dat');
    const solution = await format.solve(instance, { seed: 2, maxIterations: 300 });
    const output = format.toCvrplibText(instance, solution);
    expect(output).toMatch(/^First-level route #1: S\d\(\d+\)/);
    expect(output).toMatch(/\nSecond-level route #1: S\d: \d+/);
    const verdict = format.verify!(text, output);
    expect(verdict.feasible).toBe(true);
    expect(verdict.cost).toBeCloseTo(format.summarize(instance, solution).cost, 6);
    const tampered = output.replace(/Cost (\S+)/, 'Cost 1.00');
    expect(format.verify!(text, tampered)).toMatchObject({ feasible: false });
    expect(format.verify!(text, tampered).message).toMatch(/printed cost 1 but routes cost/);
  });
});
