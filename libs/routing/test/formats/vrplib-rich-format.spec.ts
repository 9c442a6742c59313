import { detectFormat, formatById } from '../../src/formats/registry';
import { TINY_HFVRP, TINY_PCVRPTW, TINY_VRPB } from './tiny-rich-instances';

describe('rich VRPLIB format', () => {
  it('is detected by its TYPE, ahead of plain CVRPLIB', () => {
    expect(detectFormat(TINY_HFVRP, 'x.vrp').id).toBe('vrplib-rich');
    expect(detectFormat(TINY_VRPB, 'x.vrp').id).toBe('vrplib-rich');
  });

  it('solves a mixed fleet and prints route k for vehicle k, priced by the independent checker', async () => {
    const format = formatById('vrplib-rich');
    const instance = format.parse(TINY_HFVRP);
    const solution = await format.solve(instance, { seed: 1, maxIterations: 200 });
    const text = format.toCvrplibText(instance, solution);
    // capacities 5 and 10 for three clients of 4: each vehicle serves one route
    const routes = text.trim().split('\n').slice(0, -1);
    expect(routes.map((r) => r.match(/^Route #(\d+):/)?.[1])).toEqual(['1', '2']);
    const verdict = format.verify!(TINY_HFVRP, text);
    expect(verdict.feasible).toBe(true);
    expect(text.trim().split('\n').pop()).toBe(`Cost: ${verdict.cost.toFixed(2)}`);
    // the optimum: client 1 on the small vehicle, 2 and 3 on the big one
    expect(verdict.cost).toBe(28);
    expect(format.summarize(instance, solution)).toMatchObject({ cost: verdict.cost, vehicles: 2, feasible: true });
  });

  it('serves the linehaul clients before the backhaul', async () => {
    const format = formatById('vrplib-rich');
    const instance = format.parse(TINY_VRPB);
    const solution = await format.solve(instance, { seed: 1, maxIterations: 50 });
    // 0-1-2-3-0 = 3 + 4 + 3 + 4; opening with backhaul 3 or dropping 1 after it is not allowed
    expect(format.toCvrplibText(instance, solution)).toBe('Route #1: 1 2 3\nCost: 14\n');
    expect(format.summarize(instance, solution)).toMatchObject({ cost: 14, feasible: true });
  });

  it('skips an optional client when its prize is worth less than serving it', async () => {
    const format = formatById('vrplib-rich');
    const instance = format.parse(TINY_PCVRPTW);
    const solution = await format.solve(instance, { seed: 1, maxIterations: 200 });
    // 3 1 2 serves everyone for 180; 1 2 alone costs 120 driven + 70 prize
    expect(format.toCvrplibText(instance, solution)).toBe('Route #1: 3 1 2\nCost: 180\n');
    expect(format.summarize(instance, solution)).toMatchObject({ cost: 180, feasible: true });
  });
});
