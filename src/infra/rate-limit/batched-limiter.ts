import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitRule } from '../config/app-config';

/** How often a process adds the requests it counted on its own to the shared Redis counter. */
export const LOCAL_COUNT_FLUSH_MS = 100;
/** A key is counted in-process only while the shared count it last saw, plus its own, stays under this share of the budget. */
const LOCAL_SHARE_OF_BUDGET = 0.5;
/** ... and only while that count is this fresh: a key idle for longer asks Redis again, for what the other processes added meanwhile. */
export const SHARED_COUNT_FRESH_MS = 2 * LOCAL_COUNT_FLUSH_MS;
/**
 * Smaller budgets are always decided in Redis: they are for keys that send a few requests a second at
 * most, where a round trip costs nothing that shows, and an overrun of one flush's worth would be a
 * large share of them.
 */
export const LOCAL_COUNTING_MIN_POINTS = 1_000;

/** What a consume answers: what the RateLimit headers need. */
export interface LimiterState {
  remainingPoints: number;
  msBeforeNext: number;
}

interface KeyState {
  /** The shared count in Redis when it last answered for this key (every process's flushed requests). */
  shared: number;
  /** When the key's window ends (epoch ms), as Redis last said. */
  resetAt: number;
  /** When that answer was asked for (epoch ms). */
  seenAt: number;
  /** Counted here, not yet sent. */
  pending: number;
  /** Sent, not yet answered. */
  inFlight: number;
}

/**
 * A request budget shared through Redis (the same counter and window as `limiter`), without a Redis
 * round trip on most requests. Far from the limit, a process counts a key's requests in memory and
 * adds them to the Redis counter every LOCAL_COUNT_FLUSH_MS in one command per key; the answer brings
 * back what the other processes added. Once the count it knows reaches half the budget (or is older
 * than SHARED_COUNT_FRESH_MS, or its window ended, or the key is new to this process), every request
 * goes to Redis, with the key's unsent count, and is decided there, exactly as before. Budgets under
 * LOCAL_COUNTING_MIN_POINTS are always decided there.
 *
 * The trade-off: a process learns of the others' in-memory counts up to one flush late, so with P
 * API processes a budget can be overrun by at most what the other P − 1 processes receive for that
 * key in about one flush interval, around the moment it crosses half the budget. One process alone
 * is exact. Requests counted but not yet sent when a process stops (at most one interval's) are lost
 * from the shared count.
 */
export class BatchedLimiter {
  private readonly keys = new Map<string, KeyState>();
  private flushTimer: NodeJS.Timeout | undefined;
  /** How many requests of a key may be counted in memory: up to half the budget, or none for a small one. */
  private readonly localLimit: number;

  constructor(
    private readonly limiter: RateLimiterRedis,
    private readonly rule: RateLimitRule,
  ) {
    this.localLimit = rule.points >= LOCAL_COUNTING_MIN_POINTS ? rule.points * LOCAL_SHARE_OF_BUDGET : 0;
  }

  /** Counts one request; a refusal rejects with the limiter's RateLimiterRes, as RateLimiterRedis does. */
  async consume(id: string): Promise<LimiterState> {
    const now = Date.now();
    const state = this.keys.get(id);
    if (state && now < state.resetAt && now - state.seenAt <= SHARED_COUNT_FRESH_MS) {
      const counted = state.shared + state.inFlight + state.pending + 1;
      if (counted <= this.localLimit) {
        state.pending += 1;
        this.scheduleFlush();
        return { remainingPoints: this.rule.points - counted, msBeforeNext: state.resetAt - now };
      }
    }
    // Decided in Redis, with what this process counted and has not sent yet (sent first: one process alone stays exact).
    const count = 1 + (state?.pending ?? 0);
    if (state) {
      state.pending = 0;
      state.inFlight += count;
    }
    try {
      const answer = await this.limiter.consume(id, count);
      this.remember(id, answer, now);
      return { remainingPoints: answer.remainingPoints - this.unsent(id, state === undefined ? 0 : count), msBeforeNext: answer.msBeforeNext };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) this.remember(id, rejection, now);
      throw rejection;
    } finally {
      if (state) state.inFlight -= count;
    }
  }

  /** What this process counted for `id` that the last Redis answer does not include yet (`ownSent` is in it). */
  private unsent(id: string, ownSent: number): number {
    const state = this.keys.get(id);
    return state ? state.pending + state.inFlight - ownSent : 0;
  }

  private remember(id: string, answer: RateLimiterRes, askedAt: number): void {
    const state = this.keys.get(id) ?? { shared: 0, resetAt: 0, seenAt: 0, pending: 0, inFlight: 0 };
    state.shared = answer.consumedPoints;
    state.resetAt = askedAt + answer.msBeforeNext;
    state.seenAt = askedAt;
    this.keys.set(id, state);
    // The flush also forgets keys whose window is over: without it, keys only ever decided in Redis would pile up.
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => void this.flush(), LOCAL_COUNT_FLUSH_MS);
    // A pending flush must not keep a stopping process alive.
    this.flushTimer.unref();
  }

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    const now = Date.now();
    const sends: Array<Promise<void>> = [];
    for (const [id, state] of this.keys) {
      if (now >= state.resetAt) {
        // The window these counts belong to is over; the next request of the key asks Redis.
        if (state.inFlight === 0) this.keys.delete(id);
        continue;
      }
      if (state.pending === 0) continue;
      const count = state.pending;
      state.pending = 0;
      state.inFlight += count;
      sends.push(
        this.limiter
          .penalty(id, count)
          .then((answer) => this.remember(id, answer, now))
          .catch(() => undefined)
          .finally(() => (state.inFlight -= count)),
      );
    }
    await Promise.all(sends);
  }
}
