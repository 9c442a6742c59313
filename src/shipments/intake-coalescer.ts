/**
 * Group commit for single-shipment pushes. Under load, most of PostgreSQL's cost of a push is per
 * statement and per commit, not per row (a batch of 100 costs it about a sixth of 100 single pushes),
 * so pushes that arrive while statements are in flight wait and then go together as one statement.
 * A push alone on an idle API goes at once: coalescing adds no wait that a busy database would not
 * have imposed anyway.
 *
 * Each push keeps its own answer. The statement is atomic, so a batch that fails has written nothing,
 * and its pushes are then settled one by one on the ordinary path (which gives each its own refusal:
 * a replayed webhook-id, a barcode collision). A push whose shipment already existed is not inserted
 * by the batch, and is settled on the ordinary path too (duplicate or conflict, webhook-id included).
 */
export interface CoalescedPush<Row> {
  /** Pushes with the same key (platform + shipment id) never share a statement. */
  key: string;
  row: Row;
}

interface Waiting<Row, Stored> extends CoalescedPush<Row> {
  resolve: (stored: Stored | null) => void;
  reject: (error: unknown) => void;
}

/** Runs one statement for the rows and returns what it stored, by push key. */
export type CoalescedStatement<Row, Stored> = (rows: Row[]) => Promise<Map<string, Stored>>;

export class IntakeCoalescer<Row, Stored> {
  private waiting: Array<Waiting<Row, Stored>> = [];
  private inFlight = 0;

  /**
   * `maxInFlight`: statements at once. More do not commit faster on a database with a core or two; fewer
   * let a batch form while one commits. `maxBatch` bounds one statement's rows.
   */
  constructor(
    private readonly statement: CoalescedStatement<Row, Stored>,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 64,
  ) {}

  /** What the statement stored for this push, or null when it inserted nothing for it; rejects when the statement failed. */
  submit(push: CoalescedPush<Row>): Promise<Stored | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...push, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      this.statement(batch.map((push) => push.row))
        .then(
          (stored) => batch.forEach((push) => push.resolve(stored.get(push.key) ?? null)),
          (error: unknown) => batch.forEach((push) => push.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }

  /** The oldest waiting pushes, one per key: a repeat of a key waits for the next statement. */
  private takeBatch(): Array<Waiting<Row, Stored>> {
    const batch: Array<Waiting<Row, Stored>> = [];
    const keys = new Set<string>();
    const rest: Array<Waiting<Row, Stored>> = [];
    for (const push of this.waiting) {
      if (batch.length < this.maxBatch && !keys.has(push.key)) {
        keys.add(push.key);
        batch.push(push);
      } else rest.push(push);
    }
    this.waiting = rest;
    return batch;
  }
}
