import { VEHICLE_WEIGHT } from '../../evaluation/cost-evaluator';
import { Random } from '../../random';
import { orderedCrossover } from './crossover';
import { improveByDecomposition, leftOutClients, Subproblem, SubproblemOutcome } from './decomposition';
import { FleetMinimiser, fleetVehicles, routesOfVehicles, tripVehicles } from './fleet-minimiser';
import { HgsBudget } from './hgs-budget';
import { HgsData } from './hgs-data';
import { Individual, vehiclesUsed } from './individual';
import { nearestNeighbourTour } from './initial-tour';
import { LocalSearch } from './local-search';
import { DEFAULT_HGS_PARAMS, HgsParams, initialPopulationSize } from './params';
import { PenaltyManager } from './penalty-manager';
import { Population } from './population';
import { Penalties, SegmentAccumulator } from './segment';
import { Splitter } from './split';
import { leaveOutRepair } from './leave-out-repair';
import { assignTrips, assignVehicles } from './vehicle-assignment';
import { canMinimiseRoutes, RouteMinimiser } from './route-minimisation/route-minimiser';
import { epochMs, SubproblemHelpers, SubproblemRequest } from './subproblem-helpers';
import { StartingRoutes } from './starting-solution';
import { minimiseThenShortenRoutes } from './vehicles-first';
import { firstWindowOfEachJob } from './window-groups';

/** From this many clients on, the initial population uses nearest-neighbour tours only. */
const LARGE_INSTANCE = 600;
const MIN_PENALTY_INTERVAL = 10;
const TIGHT_FLEET_PENALTY_FACTOR = 10;

export interface HgsRunOptions {
  seed: number;
  /** Stopping rule; the only place the clock is read. */
  timeLimitMs?: number;
  maxIterations?: number;
  /** Vehicles first, then cost (Solomon): adds the fleet-minimisation phases. */
  hierarchical: boolean;
  onProgress?: (event: { ms: number; cost: number }) => void;
  /** Clock, injectable for tests; defaults to performance.now. */
  now?: () => number;
  /** A solution (client routes) to educate first, e.g. the current routes of a decomposed part. */
  initialRoutes?: number[][];
  /** The caller's starting solution (`SolveOptions.initialRoutes`), seeded into the first population. */
  startingSolution?: StartingRoutes;
  /** Penalties to start from instead of the instance-derived defaults. */
  initialPenalties?: Penalties;
  /** Threads that solve decomposition parts beside this one. */
  helpers?: SubproblemHelpers;
}

export interface HgsRunResult {
  best: Individual;
  iterations: number;
  runtimeMs: number;
  timeToBestMs: number;
  trajectory: Array<{ ms: number; cost: number }>;
}

/**
 * The genetic loop of Hybrid Genetic Search: binary-tournament parents, OX crossover, Split, local
 * search, optional repair with 10x penalties, insertion into the feasible or infeasible
 * subpopulation, adaptive penalties, restart after a long stagnation.
 */
export class HybridGeneticSearch {
  private readonly random: Random;
  private readonly scratch: SegmentAccumulator;
  private readonly splitter: Splitter;
  private readonly penalties: PenaltyManager;
  private readonly population: Population;
  private readonly fleet: FleetMinimiser;
  private localSearch: LocalSearch;
  private readonly budget: HgsBudget;
  /** Feasible routes from the route minimiser, educated first. */
  private minimisedRoutes: number[][] | null = null;
  private minimiser: RouteMinimiser | null = null;
  private best: Individual | null = null;
  private bestMs = 0;
  private readonly trajectory: Array<{ ms: number; cost: number }> = [];
  private iteration = 0;
  /**
   * Offspring between penalty updates: the configured interval at 100 clients, shorter for larger
   * instances, which afford far fewer generations in the same time (never below 10 samples).
   */
  private readonly penaltyInterval: number;
  private readonly decomposes: boolean;
  /** Scratch of `firstWindowOfEachJob`: the giant tour Split cuts, and the jobs already in it. */
  private readonly servedTour: Int32Array;
  private readonly jobSeen: Uint8Array;

  constructor(
    private readonly data: HgsData,
    private readonly options: HgsRunOptions,
    private readonly params: HgsParams = DEFAULT_HGS_PARAMS,
  ) {
    this.random = new Random(options.seed);
    this.scratch = new SegmentAccumulator(data);
    this.splitter = new Splitter(data);
    this.penalties = new PenaltyManager(data, params, options.initialPenalties);
    this.population = new Population(params, this.random);
    this.fleet = new FleetMinimiser(fleetVehicles(data), options.hierarchical);
    this.localSearch = this.localSearchForFleetLimit();
    this.budget = new HgsBudget(options.timeLimitMs, options.maxIterations, params.initialPopulationBudget, options.now ?? (() => performance.now()));
    this.decomposes = usesDecomposition(data.n, options.hierarchical, params);
    this.servedTour = new Int32Array(data.hasWindowGroups ? data.n : 0);
    this.jobSeen = new Uint8Array(data.hasWindowGroups ? data.n + 1 : 0);
    this.penaltyInterval = Math.max(MIN_PENALTY_INTERVAL, Math.min(params.penaltyUpdateInterval, Math.round((params.penaltyUpdateInterval * 100) / data.n)));
  }

  run(): HgsRunResult {
    this.budget.start();
    const n = this.data.n;
    const child = new Int32Array(n);
    const seen = new Uint8Array(n + 1);
    if (this.options.hierarchical && canMinimiseRoutes(this.data)) this.minimiseRoutes();
    this.budget.startSearch();
    this.initialise();
    let sinceImprovement = 0;
    while (!this.budget.shouldStop(this.iteration)) {
      this.iteration++;
      const parentA = this.population.selectParent();
      const parentB = this.population.selectParent();
      orderedCrossover(parentA.giantTour, parentB.giantTour, child, seen, this.random);
      const improved = this.educateAndAdd(child);
      sinceImprovement = improved ? 0 : sinceImprovement + 1;
      if (this.iteration % this.penaltyInterval === 0) this.updatePenalties();
      if (this.decomposes && this.iteration % this.params.decompositionInterval === 0) this.decompose();
      const change = this.fleet.afterIteration(this.best, this.budget.progress(this.iteration));
      if (change !== null) {
        this.rebuildForFleetLimit();
        sinceImprovement = 0;
      } else if (sinceImprovement >= this.params.iterationsWithoutImprovement) {
        this.population.clear();
        this.initialise();
        sinceImprovement = 0;
      }
    }
    if (!this.best) throw new Error('HGS produced no individual');
    if (!this.best.feasible && this.data.hasOptional) this.repairByLeavingOut(this.best);
    return {
      best: this.best,
      iterations: this.iteration,
      runtimeMs: this.budget.elapsedMs(),
      timeToBestMs: this.bestMs,
      trajectory: this.trajectory,
    };
  }

  /** Random giant tours, educated, until `initialPopulationSize` of them or the initial budget is spent. */
  private initialise(): void {
    const n = this.data.n;
    const target = initialPopulationSize(n, this.params);
    const tour = new Int32Array(n);
    const visited = new Uint8Array(n + 1);
    if (this.options.initialRoutes) this.educateRoutesAndAdd(this.options.initialRoutes);
    // Restarts (later iterations) begin afresh; the caller's solution seeds the first population only.
    if (this.options.startingSolution && this.iteration === 0) this.seedStartingSolution(this.options.startingSolution);
    if (this.minimisedRoutes) this.educateRoutesAndAdd(this.minimisedRoutes);
    for (let k = 0; k < target; k++) {
      if (this.minimisedRoutes && this.minimiser) {
        // At the tightest fleet random tours are hopeless: start near the minimiser's solution.
        this.educateRoutesAndAdd(this.minimiser.perturbed(this.minimisedRoutes, n));
      } else {
        // Alternate random tours (diversity) with randomised nearest-neighbour tours (cheap to educate).
        // Large instances afford only a handful of initial individuals: all nearest-neighbour then.
        if (k % 2 === 1 || n >= LARGE_INSTANCE) nearestNeighbourTour(this.data, this.random, tour, visited);
        else {
          for (let i = 0; i < n; i++) tour[i] = i + 1;
          this.random.shuffle(tour);
        }
        this.educateAndAdd(tour);
      }
      if ((k + 1) % this.penaltyInterval === 0) this.updatePenalties();
      if (k >= 1 && this.budget.initialBudgetSpent()) break;
      if (this.budget.shouldStop(this.iteration)) break;
    }
  }

  /**
   * The caller's solution joins the population twice: as given, when feasible, so the search never
   * returns worse; and educated like any offspring, on its own vehicles. One that does not fit the
   * fleet limit of a vehicles-first search (more vehicles than it now allows) is left to that search.
   */
  private seedStartingSolution(start: StartingRoutes): void {
    if (vehiclesUsed(this.data, start.routes.length, start.slots) > this.fleet.limit) return;
    const slots = this.data.routesCarrySlots ? start.slots : undefined;
    const given = new Individual(this.data, start.routes, this.penalties.current, this.scratch, slots);
    if (given.feasible) {
      this.population.add(given);
      this.considerBest(given);
    }
    this.educateRoutesAndAdd(start.routes, slots);
  }

  /** Split (of one window of each job) + local search + insertion; returns whether the best solution improved. */
  private educateAndAdd(tour: Int32Array): boolean {
    const served = firstWindowOfEachJob(this.data, tour, this.servedTour, this.jobSeen);
    return this.educateRoutesAndAdd(this.splitter.split(served, this.penalties.current, routesOfVehicles(this.data, this.fleet.limit)));
  }

  /**
   * Local search + insertion (+ repair); returns whether the best solution improved. A mixed fleet
   * first puts the routes on vehicles (`assignVehicles`), a multi-trip fleet on trips
   * (`assignTrips`); the local search may then move clients between vehicles, and the individual
   * keeps each route's slot. Routes whose slots are known already come with their `slots`.
   */
  private educateRoutesAndAdd(start: ArrayLike<ArrayLike<number>>, slots?: number[]): boolean {
    const penalties = this.penalties.current;
    const mixed = this.data.routesCarrySlots;
    const routes = this.localSearch.run(start, penalties, mixed ? (slots ?? this.assignSlots(start, penalties)) : undefined);
    const educatedSlots = mixed ? this.localSearch.state.exportedSlots : undefined;
    const individual = new Individual(this.data, routes, penalties, this.scratch, educatedSlots);
    this.penalties.record(individual);
    this.population.add(individual);
    let improved = this.considerBest(individual);
    if (!individual.feasible && this.tradesClientsForVehicles() && this.leaveOutForFewerVehicles(individual)) improved = true;
    if (!individual.feasible && this.random.nextFloat() < this.params.repairProbability) {
      const repairedRoutes = this.localSearch.run(routes, this.penalties.boosted(10), educatedSlots);
      const repaired = new Individual(this.data, repairedRoutes, penalties, this.scratch, mixed ? this.localSearch.state.exportedSlots : undefined);
      if (repaired.feasible) {
        this.population.add(repaired);
        if (this.considerBest(repaired)) improved = true;
      }
    }
    return improved;
  }

  /** Slots for Split's routes: vehicles of a mixed fleet, trips of a multi-trip fleet; none otherwise (route i on slot i). */
  private assignSlots(routes: ArrayLike<ArrayLike<number>>, penalties: Penalties): number[] | undefined {
    if (this.data.multiTrip)
      return assignTrips(this.data, routes, penalties, this.scratch, this.fleet.limit < this.fleet.fleet ? tripVehicles(this.data, this.fleet.limit) : undefined);
    if (this.data.heterogeneous) return assignVehicles(this.data, routes, penalties, this.scratch);
    return undefined;
  }

  /**
   * Vehicles first with optional clients, below the best feasible fleet: leaving clients out may pay
   * for a vehicle saved (the objective weighs a vehicle against the sum of their penalties), but the
   * penalised search rarely finds it, since infeasibility is cheap to it while a client's penalty is
   * not and the vehicle weight is not in its costs.
   */
  private tradesClientsForVehicles(): boolean {
    return this.options.hierarchical && this.data.hasOptional && this.best !== null && this.best.feasible && this.best.vehicleCount > this.fleet.limit;
  }

  /** An infeasible offspring made feasible by leaving clients out (`leaveOutRepair`); whether it became the best. */
  private leaveOutForFewerVehicles(individual: Individual): boolean {
    const candidate = leaveOutRepair(this.data, individual, this.localSearch, this.penalties.current, this.scratch);
    if (!candidate.feasible) return false;
    this.population.add(candidate);
    return this.considerBest(candidate);
  }

  /** Nothing feasible was found, yet clients may be left out (the planner's jobs all may, at penalties far above any route). */
  private repairByLeavingOut(best: Individual): void {
    this.considerBest(leaveOutRepair(this.data, best, this.localSearch, this.penalties.current, this.scratch));
  }

  private updatePenalties(): void {
    this.penalties.update();
    this.population.reprice(this.penalties.current);
  }

  /**
   * Large instances: improves the best solution part by part with smaller HGS runs (see
   * decomposition.ts), then educates the result as a whole so the seams between parts get repaired.
   */
  private decompose(): void {
    // Parts are solved as homogeneous sub-fleets of one trip each; a mixed or multi-trip fleet is not decomposed (yet).
    if (this.best === null || !this.best.feasible || this.data.routesCarrySlots) return;
    const skipped = this.data.hasOptional ? leftOutClients(this.data.n, this.best.routes) : [];
    const { routes, improved } = improveByDecomposition(this.data, this.best.routes, this.params.decompositionClients, this.random, (parts) => this.solveParts(parts), skipped);
    if (improved) this.educateRoutesAndAdd(routes);
  }

  /** Part k goes to thread k mod (helpers + 1), thread 0 being this one; outcomes come back in part order. */
  private solveParts(parts: Subproblem[]): Array<SubproblemOutcome | null> {
    const helpers = this.options.helpers;
    const threads = 1 + (helpers?.count ?? 0);
    const request = (part: Subproblem): SubproblemRequest => ({
      part,
      params: this.params,
      penalties: this.penalties.current,
      maxIterations: this.params.decompositionIterations,
      remainingMs: this.budget.remainingMs(),
    });
    parts.forEach((part, k) => {
      if (k % threads !== 0) helpers?.send((k % threads) - 1, { ...request(part), madeAtEpochMs: epochMs() });
    });
    const outcomes = parts.map((part, k) => (k % threads === 0 ? solveSubproblem(request(part), this.options.now) : null));
    parts.forEach((_, k) => {
      if (k % threads !== 0 && helpers) outcomes[k] = helpers.receive((k % threads) - 1);
    });
    return outcomes;
  }

  /**
   * Vehicles first: the fewest feasible routes the route minimiser finds in its share of the
   * budget, shortened by ruin and recreate (vehicles-first.ts), become the best solution and the fleet limit of the
   * genetic search, which then minimises distance (that solution is kept if the search finds
   * nothing better at that fleet).
   */
  private minimiseRoutes(): void {
    const found = minimiseThenShortenRoutes(this.data, this.random, this.budget, this.penalties.current, this.scratch);
    if (found === null) return;
    const { minimiser, fewest, minimised } = found;
    this.minimiser = minimiser;
    this.fleet.startAt(minimised.length);
    this.localSearch = this.localSearchForFleetLimit();
    // A local search that cannot afford any infeasibility polishes the routes.
    const prohibitive = 1e4 * Math.max(1, this.data.maxArcCost);
    const polished = this.localSearch.run(minimised, { capacity: prohibitive, timeWarp: prohibitive, distance: prohibitive });
    for (const routes of [polished, minimised, fewest]) {
      const individual = new Individual(this.data, routes, this.penalties.current, this.scratch);
      if (!individual.feasible) continue;
      // At the tightest fleet most offspring are infeasible: start from stiffer penalties, which
      // would otherwise take most of the remaining time to adapt.
      this.penalties.current.capacity *= TIGHT_FLEET_PENALTY_FACTOR;
      this.penalties.current.timeWarp *= TIGHT_FLEET_PENALTY_FACTOR;
      this.considerBest(individual);
      this.population.add(individual);
      this.minimisedRoutes = routes;
      return;
    }
  }

  /**
   * Re-splits and re-educates the population under a new fleet limit: its first `populationSize`
   * members, feasible ones first (re-educating all of them cost as much as a new population at each
   * vehicle saved, where the search affords a few hundred generations).
   */
  private rebuildForFleetLimit(): void {
    const members = this.population.all().slice(0, this.params.populationSize);
    this.population.clear();
    this.localSearch = this.localSearchForFleetLimit();
    for (const member of members) {
      this.educateAndAdd(member.giantTour);
      if (this.budget.shouldStop(this.iteration)) return;
    }
  }

  /** A homogeneous fleet of one trip each gets as many route slots as the limit; any other keeps its slots under a vehicle cap. */
  private localSearchForFleetLimit(): LocalSearch {
    if (!this.data.routesCarrySlots) return new LocalSearch(this.data, this.fleet.limit, this.random);
    return new LocalSearch(this.data, this.data.maxRoutes, this.random, this.fleet.limit);
  }

  /**
   * The objective as the cost evaluator prices a solution: `VEHICLE_WEIGHT` per vehicle used (vehicles first), plus the
   * cost, which holds the penalties of left-out optional clients: a vehicle saved outweighs them unless they add up to more.
   */
  private rank(individual: Individual): number {
    return this.options.hierarchical ? individual.vehicleCount * VEHICLE_WEIGHT + individual.cost : individual.cost;
  }

  private considerBest(individual: Individual): boolean {
    if (!individual.feasible) {
      // Until something feasible exists, keep the least infeasible as a fallback answer.
      if (this.best === null || (!this.best.feasible && individual.penalisedCost < this.best.penalisedCost)) this.best = individual;
      return false;
    }
    if (this.best !== null && this.best.feasible && this.rank(individual) >= this.rank(this.best) - 1e-9) return false;
    this.best = individual;
    this.bestMs = this.budget.elapsedMs();
    const event = { ms: Math.round(this.bestMs), cost: this.rank(individual) };
    this.trajectory.push(event);
    this.options.onProgress?.(event);
    return true;
  }
}

/**
 * One decomposition part: a small HGS run seeded with the part's routes and the parent's penalties,
 * with a smaller population (it gets few generations) and no further decomposition.
 */
export function solveSubproblem(request: SubproblemRequest, now?: () => number): SubproblemOutcome | null {
  const { part, params, penalties, maxIterations, madeAtEpochMs } = request;
  let remainingMs = request.remainingMs;
  if (remainingMs !== undefined && madeAtEpochMs !== undefined) remainingMs -= epochMs() - madeAtEpochMs;
  if (remainingMs !== undefined && remainingMs <= 0) return null;
  const sub = new HybridGeneticSearch(
    part.data,
    { seed: part.seed, hierarchical: false, maxIterations, timeLimitMs: remainingMs, now, initialRoutes: part.initialRoutes, initialPenalties: penalties },
    { ...params, populationSize: params.decompositionPopulationSize, generationSize: 2 * params.decompositionPopulationSize, decompositionMinClients: Infinity },
  ).run();
  return { routes: sub.best.routes, cost: sub.best.cost, feasible: sub.best.feasible };
}

/** Whether a search on `clients` clients improves its best solution by decomposition. */
export function usesDecomposition(clients: number, hierarchical: boolean, params: HgsParams = DEFAULT_HGS_PARAMS): boolean {
  return !hierarchical && clients >= params.decompositionMinClients;
}
