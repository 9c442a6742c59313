import { IntakeCoalescer } from '../../src/shipments/intake-coalescer';

/** A statement that finishes when the test says so, recording what each call was given. */
function controlledStatement() {
  const calls: Array<{ rows: string[]; finish: () => void; fail: (error: Error) => void }> = [];
  const statement = (rows: string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      calls.push({ rows: [...rows], finish: () => resolve(new Map(rows.filter((row) => !row.startsWith('old')).map((row) => [row, `stored ${row}`]))), fail: reject });
    });
  return { calls, statement };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('IntakeCoalescer', () => {
  it('sends a lone push at once, and gathers the pushes that arrive while statements are in flight', async () => {
    const { calls, statement } = controlledStatement();
    const coalescer = new IntakeCoalescer(statement, 2, 64);
    const first = coalescer.submit({ key: 'a', row: 'a' });
    const second = coalescer.submit({ key: 'b', row: 'b' });
    const waiting = ['c', 'd', 'old-e'].map((row) => coalescer.submit({ key: row, row }));
    expect(calls.map((call) => call.rows)).toEqual([['a'], ['b']]);
    calls[0]!.finish();
    await expect(first).resolves.toBe('stored a');
    expect(calls.map((call) => call.rows)).toEqual([['a'], ['b'], ['c', 'd', 'old-e']]);
    calls[2]!.finish();
    await expect(Promise.all(waiting)).resolves.toEqual(['stored c', 'stored d', null]);
    calls[1]!.finish();
    await expect(second).resolves.toBe('stored b');
  });

  it('never puts two pushes with one key in a statement, and bounds a statement', async () => {
    const { calls, statement } = controlledStatement();
    const coalescer = new IntakeCoalescer(statement, 1, 3);
    const pushes = ['x', 'y', 'y', 'z', 'w', 'v'].map((row) => coalescer.submit({ key: row, row }));
    calls[0]!.finish();
    await settle();
    expect(calls[1]!.rows).toEqual(['y', 'z', 'w']);
    calls[1]!.finish();
    await settle();
    expect(calls[2]!.rows).toEqual(['y', 'v']);
    calls[2]!.finish();
    await expect(Promise.all(pushes)).resolves.toEqual(['stored x', 'stored y', 'stored y', 'stored z', 'stored w', 'stored v']);
  });

  it('rejects the pushes of a failed statement only', async () => {
    const { calls, statement } = controlledStatement();
    const coalescer = new IntakeCoalescer(statement, 1, 64);
    const first = coalescer.submit({ key: 'a', row: 'a' });
    const batch = ['b', 'c'].map((row) => coalescer.submit({ key: row, row }));
    calls[0]!.finish();
    await settle();
    const later = coalescer.submit({ key: 'd', row: 'd' });
    calls[1]!.fail(new Error('unique violation'));
    await expect(first).resolves.toBe('stored a');
    for (const push of batch) await expect(push).rejects.toThrow('unique violation');
    await settle();
    calls[2]!.finish();
    await expect(later).resolves.toBe('stored d');
  });
});
