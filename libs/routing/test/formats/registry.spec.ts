import { detectFormat, formatById } from '../../src/formats/registry';
import { InvalidProblemError } from '../../src/model/problem';
import { TINY_SOLOMON, TINY_VRP } from '../parsers/tiny-instances';

describe('format registry', () => {
  it('detects CVRPLIB and Solomon files by content', () => {
    expect(detectFormat(TINY_VRP, 'whatever.txt').id).toBe('cvrplib');
    expect(detectFormat(TINY_SOLOMON, 'c101.txt').id).toBe('solomon');
  });

  it('refuses unknown content with the file name', () => {
    expect(() => detectFormat('hello world', 'notes.md')).toThrow(InvalidProblemError);
  });

  it('solves and prints a CVRPLIB instance in verifier numbering', async () => {
    const format = formatById('cvrplib');
    const instance = format.parse(TINY_VRP);
    const solution = await format.solve(instance, { seed: 1, maxIterations: 20 });
    const text = format.toCvrplibText(instance, solution);
    // capacity 10 and demands 4: two routes, [3,2] + [1] = 12 + 6 = 18 is optimal
    expect(text).toMatch(/^Route #1: /);
    expect(text.trim().split('\n').pop()).toBe('Cost 18');
    expect(format.summarize(instance, solution)).toMatchObject({ cost: 18, vehicles: 2, feasible: true });
  });

  it('prints Solomon costs as real distances', async () => {
    const format = formatById('solomon');
    const instance = format.parse(TINY_SOLOMON);
    const solution = await format.solve(instance, { seed: 1, maxIterations: 20 });
    const summary = format.summarize(instance, solution);
    expect(summary.feasible).toBe(true);
    expect(summary.vehicles).toBe(2);
    expect(summary.cost).toBe(18);
  });
});
