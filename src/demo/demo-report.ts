/** Plain-text output of the demo: step lines while it runs, then a summary an operator can read. */
export class DemoReport {
  private readonly startedAt = Date.now();

  constructor(private readonly write: (line: string) => void = (line) => console.log(line)) {}

  async step<T>(label: string, work: () => Promise<T>, describe: (result: T) => string): Promise<T> {
    const started = Date.now();
    this.write(`▶ ${label} …`);
    const result = await work();
    this.write(`  ✓ ${describe(result)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  }

  line(text = ''): void {
    this.write(text);
  }

  table(rows: Array<[string, string]>): void {
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) this.write(`  ${label.padEnd(width)}  ${value}`);
  }

  elapsedS(): string {
    return ((Date.now() - this.startedAt) / 1000).toFixed(1);
  }
}
