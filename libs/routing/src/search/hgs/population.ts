import { Random } from '../../random';
import { Individual } from './individual';
import { HgsParams } from './params';
import { Penalties } from './segment';

/**
 * One subpopulation (feasible or infeasible), kept sorted by penalised cost, with the biased
 * fitness of Vidal 2012: cost rank plus weighted diversity rank (mean broken-pairs distance to the
 * nbClose closest members). Survivor selection removes clones first, then the worst fitness.
 */
class SubPopulation {
  members: Individual[] = [];

  constructor(private readonly params: HgsParams) {}

  add(individual: Individual): void {
    for (const other of this.members) {
      const distance = individual.brokenPairsDistance(other);
      insertSorted(individual.proximity, { distance, other });
      insertSorted(other.proximity, { distance, other: individual });
    }
    let at = this.members.findIndex((m) => m.penalisedCost > individual.penalisedCost);
    if (at < 0) at = this.members.length;
    this.members.splice(at, 0, individual);
    if (this.members.length > this.params.populationSize + this.params.generationSize) {
      while (this.members.length > this.params.populationSize) this.removeWorst();
    }
  }

  updateBiasedFitness(): void {
    const size = this.members.length;
    if (size === 0) return;
    if (size === 1) {
      this.members[0].biasedFitness = 0;
      return;
    }
    const ranking = this.members
      .map((m, index) => ({ diversity: m.averageClosestDistance(this.params.nbClose), index }))
      .sort((a, b) => b.diversity - a.diversity || a.index - b.index);
    const eliteWeight = 1 - this.params.nbElite / size;
    ranking.forEach((entry, diversityRank) => {
      const fitRank = entry.index / (size - 1);
      const divRank = diversityRank / (size - 1);
      this.members[entry.index].biasedFitness = size <= this.params.nbElite ? fitRank : fitRank + eliteWeight * divRank;
    });
  }

  private removeWorst(): void {
    this.updateBiasedFitness();
    let worst = 1;
    let worstIsClone = false;
    let worstFitness = -1;
    // The best member (index 0) always survives.
    for (let i = 1; i < this.members.length; i++) {
      const m = this.members[i];
      const isClone = m.proximity.length > 0 && m.proximity[0].distance < 1e-9;
      if ((isClone && !worstIsClone) || (isClone === worstIsClone && m.biasedFitness > worstFitness)) {
        worst = i;
        worstIsClone = isClone;
        worstFitness = m.biasedFitness;
      }
    }
    const [removed] = this.members.splice(worst, 1);
    for (const other of this.members) {
      const k = other.proximity.findIndex((p) => p.other === removed);
      if (k >= 0) other.proximity.splice(k, 1);
    }
  }

  /** Re-sorts after a penalty change (infeasible members' penalised costs move). */
  reprice(penalties: Penalties): void {
    for (const m of this.members) m.updatePenalisedCost(penalties);
    this.members.sort((a, b) => a.penalisedCost - b.penalisedCost);
  }
}

function insertSorted(list: Array<{ distance: number; other: Individual }>, entry: { distance: number; other: Individual }): void {
  let at = list.length;
  while (at > 0 && list[at - 1].distance > entry.distance) at--;
  list.splice(at, 0, entry);
}

export class Population {
  readonly feasible: SubPopulation;
  readonly infeasible: SubPopulation;

  constructor(
    params: HgsParams,
    private readonly random: Random,
  ) {
    this.feasible = new SubPopulation(params);
    this.infeasible = new SubPopulation(params);
  }

  get size(): number {
    return this.feasible.members.length + this.infeasible.members.length;
  }

  add(individual: Individual): void {
    (individual.feasible ? this.feasible : this.infeasible).add(individual);
  }

  clear(): void {
    this.feasible.members = [];
    this.infeasible.members = [];
  }

  all(): Individual[] {
    return [...this.feasible.members, ...this.infeasible.members];
  }

  reprice(penalties: Penalties): void {
    this.infeasible.reprice(penalties);
  }

  /** Binary tournament on biased fitness over both subpopulations. */
  selectParent(): Individual {
    this.feasible.updateBiasedFitness();
    this.infeasible.updateBiasedFitness();
    const a = this.pick();
    const b = this.pick();
    return a.biasedFitness <= b.biasedFitness ? a : b;
  }

  private pick(): Individual {
    const total = this.size;
    const k = this.random.nextInt(total);
    const nf = this.feasible.members.length;
    return k < nf ? this.feasible.members[k] : this.infeasible.members[k - nf];
  }
}
