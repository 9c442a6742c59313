import { HgsData } from './hgs-data';
import { EPSILON, MovePlan } from './operators/move-plan';
import { RouteState } from './route-state';

/**
 * The local search's move between the windows of a job of several windows (`window-groups.ts`):
 * the routed client u gives way to a client w of the same job (another window), either in u's place
 * or right after one of w's routed neighbours on another route (a job served in the morning by one
 * route may be better served in the afternoon by another). Priced exactly through `MovePlan`, as a
 * removal plus an insertion, so every variant (mixed fleet, trips, releases) is priced in O(1).
 */
export class WindowChoiceMoves {
  constructor(
    private readonly data: HgsData,
    private readonly state: RouteState,
    private readonly plan: MovePlan,
  ) {}

  /** Applies the first move that lowers the penalised cost; false when none does. */
  serveInAnotherWindow(u: number): boolean {
    const data = this.data;
    const siblings = data.windowSiblings[u];
    for (let k = 0; k < siblings.length; k++) {
      const w = siblings[k];
      if (this.planChange(u, w, -1) && this.applyIfImproving(u)) return true;
      const neighbours = data.neighbours[w];
      for (let i = 0; i < neighbours.length; i++) {
        if (this.planChange(u, w, neighbours[i]) && this.applyIfImproving(u)) return true;
      }
    }
    return false;
  }

  /**
   * Fills the plan: w in u's place (`v` < 0), or u off its route and w right after v on another
   * route. False when v is not on another route (within u's route the removal and the insertion
   * would be one edit: left to a later relocate of w).
   */
  planChange(u: number, w: number, v: number): boolean {
    const { state, plan } = this;
    plan.before1 = state.prev[u];
    plan.after1 = state.next[u];
    if (v < 0) {
      plan.edits = 1;
      plan.seq1[0] = w;
      plan.length1 = 1;
      return true;
    }
    if (!state.isRouted(v) || state.routeOf[v] === state.routeOf[u]) return false;
    plan.edits = 2;
    plan.length1 = 0;
    plan.before2 = v;
    plan.after2 = state.next[v];
    plan.seq2[0] = w;
    plan.length2 = 1;
    return true;
  }

  /** Applies the planned change of u's window. */
  applyChange(u: number): void {
    this.plan.apply(this.state);
    // The job is still served (by w): no penalty changes hands, u is only off its route.
    this.state.routeOf[u] = -1;
  }

  private applyIfImproving(u: number): boolean {
    if (!(this.plan.delta(this.state) < -EPSILON)) return false;
    this.applyChange(u);
    return true;
  }
}
