import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import { RoadMatrix, fallbackMatrix, computeNetworkMatrices, RoadGraph, VehicleClass } from '@rural-dispatch/routing';
import { CountiesService } from '../../counties/counties.service';
import { APP_CONFIG, AppConfig } from '../../infra/config/app-config';
import { validationFailed } from '../../infra/errors/domain-error';
import { NodeTier } from '../network-node.entity';
import { byteBudgetCache } from './byte-budget-cache';
import { MatrixThread } from './matrix-thread';
import { buildGraphWithClosures, closedEdgesAt, loadStoredRoadNetwork, StoredRoadNetwork } from './stored-road-network';

export type MatrixMethod = 'road_network' | 'great_circle_fallback';

export interface MatrixNode {
  id: string;
  code: string;
  tier: NodeTier;
  lon: number;
  lat: number;
}

/** Square matrices over `nodes`, row-major: entry i * size + j is from nodes[i] to nodes[j]. */
export interface TravelMatrix {
  method: MatrixMethod;
  vehicleClass: VehicleClass;
  networkVersion: number;
  nodes: MatrixNode[];
  durationS: Int32Array;
  distanceM: Int32Array;
  /** Pairs without a road path; their entries hold -1. */
  unreachable: Array<{ fromIndex: number; toIndex: number }>;
  /** Road segments left out because a closure covers the departure time. */
  closedSegmentCount: number;
  computationMs: number;
  cached: boolean;
}

/** A cached matrix, with the planning run of its county that last used it (see endPlanningRun). */
type CachedMatrix = Omit<TravelMatrix, 'cached'> & { lastPlanningRun: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An API request's road matrix over more nodes than this is computed on the matrix thread; smaller
 * ones take a few milliseconds in place. The planner (in a worker, whose solves have their own
 * thread) and the CLI compute in place, as they always did.
 */
const THREAD_FROM_NODES = 64;

/** What an outside caller (the API) may ask for; the planner and the CLI pass none. */
export interface MatrixRequestLimits {
  /** Most nodes in one matrix: its size grows with the square (2,000 nodes once gave a 46 MB response). */
  maxNodes: number;
}

/**
 * Travel-time and distance matrices between network nodes, for the API, the planner and the CLI.
 * Road data is loaded once per (county, network version); matrices are cached per (county, version,
 * vehicle class, closed segments, node list). Any network change bumps the version, so stale entries
 * are never read again and age out of the LRU. Road data, graphs and matrices share one byte budget
 * (MATRIX_CACHE_BYTES), so a few large counties cannot exhaust the process's memory.
 *
 * A planning run asks for matrices over node lists that follow its own solution (the villages a
 * carrier's baseline serves, the stations a trunk supplies), so each plan of the demo county leaves
 * 10-18 matrices (3-3.6 MB) that no later plan asks for again; under the byte budget alone a worker
 * kept them all and grew plan after plan (npm run bench:worker-memory). endPlanningRun drops them.
 */
@Injectable()
export class TravelMatrixService {
  private readonly logger = new Logger(TravelMatrixService.name);
  /** Keys start with `network:`, `graph:` or `matrix:`, which fixes the type of the value. */
  private readonly cache: LRUCache<string, StoredRoadNetwork | RoadGraph | CachedMatrix>;
  /** Per county, how many of its planning runs have ended in this process (one number per county). */
  private readonly planningRunsEnded = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counties: CountiesService,
    private readonly thread: MatrixThread,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cache = byteBudgetCache<StoredRoadNetwork | RoadGraph | CachedMatrix>(config.matrixCacheBytes);
  }

  /**
   * `nodeRefs` are node ids or codes (mixed is fine); omitted or empty means every node of the county.
   * With `limits` (the API), the size is capped and a node named twice is refused.
   */
  async computeMatrix(
    countyId: string,
    nodeRefs: readonly string[] | undefined,
    vehicleClass: VehicleClass,
    at: Date = new Date(),
    limits?: MatrixRequestLimits,
  ): Promise<TravelMatrix> {
    // Repeatable read: the version, the nodes and the roads come from one snapshot, so nothing newer is cached under an older version.
    const { networkVersion, nodes, network } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const version = await this.counties.networkVersion(manager, countyId);
      const resolved = await this.resolveNodes(manager, countyId, nodeRefs);
      if (limits) checkRequestedNodes(resolved, nodeRefs, limits);
      return { networkVersion: version, nodes: resolved, network: await this.storedNetwork(manager, countyId, version) };
    });
    const closed = closedEdgesAt(network, at.getTime());
    const key = `${countyId}:${networkVersion}:${vehicleClass}:${closed.join(',')}:${nodes.map((node) => node.id).join(',')}`;
    const planningRun = this.planningRunsEnded.get(countyId) ?? 0;
    const hit = this.cache.get(`matrix:${key}`) as CachedMatrix | undefined;
    if (hit) {
      hit.lastPlanningRun = planningRun;
      return { ...withoutRun(hit), cached: true };
    }
    const startedAt = performance.now();
    const method: MatrixMethod = network.edges.length > 0 ? 'road_network' : 'great_circle_fallback';
    const matrix =
      method === 'road_network'
        ? await this.roadMatrix(`${countyId}:${networkVersion}:${closed.join(',')}`, network, closed, nodes, vehicleClass, limits !== undefined)
        : fallbackMatrix(nodes, vehicleClass);
    const result = {
      method,
      vehicleClass,
      networkVersion,
      nodes,
      durationS: matrix.durationS,
      distanceM: matrix.distanceM,
      unreachable: matrix.unreachable.map((pair) => ({ fromIndex: pair.sourceIndex, toIndex: pair.targetIndex })),
      closedSegmentCount: closed.length,
      computationMs: Math.round(performance.now() - startedAt),
    };
    this.cache.set(`matrix:${key}`, { ...result, lastPlanningRun: planningRun });
    this.logger.log({ countyId, method, vehicleClass, size: nodes.length, computationMs: result.computationMs }, 'travel matrix computed');
    return { ...result, cached: false };
  }

  /**
   * A planning run of the county has ended (the worker calls it after the solves, whatever their
   * outcome): the county's matrices that this run did not use are dropped, those it used stay for the
   * next run (a replan asks for most of them again). The road data and graphs stay, as do other
   * counties' matrices. With one plan at a time per worker process, "used by this run" is exact; were
   * two runs of one county to overlap, a matrix either used would be kept. Returns how many were dropped.
   */
  endPlanningRun(countyId: string): number {
    const run = this.planningRunsEnded.get(countyId) ?? 0;
    const unused: string[] = [];
    for (const [key, value] of this.cache.entries()) {
      if (key.startsWith(`matrix:${countyId}:`) && (value as CachedMatrix).lastPlanningRun < run) unused.push(key);
    }
    for (const key of unused) this.cache.delete(key);
    this.planningRunsEnded.set(countyId, run + 1);
    return unused.length;
  }

  private async roadMatrix(
    graphKey: string,
    network: StoredRoadNetwork,
    closed: number[],
    nodes: MatrixNode[],
    vehicleClass: VehicleClass,
    forRequest: boolean,
  ): Promise<RoadMatrix> {
    let graph = this.cache.get(`graph:${graphKey}`) as RoadGraph | undefined;
    if (!graph) {
      graph = buildGraphWithClosures(network, closed);
      this.cache.set(`graph:${graphKey}`, graph);
    }
    // Snap to the hub's component, so every node joins the part of the network the hub can reach.
    const hubIndex = nodes.findIndex((node) => node.tier === 'county_hub');
    const anchorPointIndex = hubIndex >= 0 ? hubIndex : undefined;
    if (forRequest && nodes.length > THREAD_FROM_NODES) {
      const points = nodes.map((node) => ({ lon: node.lon, lat: node.lat }));
      return this.thread.compute(graphKey, graph, points, vehicleClass, anchorPointIndex);
    }
    const { byVehicleClass } = computeNetworkMatrices(graph, nodes, [vehicleClass], anchorPointIndex !== undefined ? { anchorPointIndex } : {});
    return byVehicleClass[vehicleClass]!;
  }

  private async storedNetwork(manager: EntityManager, countyId: string, networkVersion: number): Promise<StoredRoadNetwork> {
    const key = `network:${countyId}:${networkVersion}`;
    let network = this.cache.get(key) as StoredRoadNetwork | undefined;
    if (!network) {
      network = await loadStoredRoadNetwork(manager, countyId);
      this.cache.set(key, network);
    }
    return network;
  }

  private async resolveNodes(manager: EntityManager, countyId: string, nodeRefs: readonly string[] | undefined): Promise<MatrixNode[]> {
    const rows: MatrixNode[] = await manager.query(
      `SELECT id, code, tier, ST_X(location) AS lon, ST_Y(location) AS lat FROM network_node WHERE county_id = $1 ORDER BY tier, code`,
      [countyId],
    );
    if (!nodeRefs || nodeRefs.length === 0) {
      if (rows.length === 0) throw validationFailed('the county has no network nodes to build a matrix for');
      return rows;
    }
    const byRef = new Map<string, MatrixNode>();
    for (const row of rows) {
      byRef.set(row.code, row);
      byRef.set(row.id.toLowerCase(), row);
    }
    const missing: Array<{ index: number; ref: string }> = [];
    const nodes = nodeRefs.map((ref, index) => {
      const node = byRef.get(UUID.test(ref) ? ref.toLowerCase() : ref);
      if (!node) missing.push({ index, ref });
      return node!;
    });
    if (missing.length > 0) {
      throw validationFailed(
        `unknown node ${missing.map((entry) => entry.ref).join(', ')} in this county`,
        missing.map((entry) => ({ field: `nodeCodes[${entry.index}]`, message: `no node with code or id ${entry.ref} in this county` })),
      );
    }
    return nodes;
  }
}

function withoutRun({ lastPlanningRun: _lastPlanningRun, ...matrix }: CachedMatrix): Omit<TravelMatrix, 'cached'> {
  return matrix;
}

/** The API's limits: a size it can answer, and each node once (the same code twice, or a code and its id). */
function checkRequestedNodes(nodes: MatrixNode[], nodeRefs: readonly string[] | undefined, limits: MatrixRequestLimits): void {
  if (nodes.length > limits.maxNodes) {
    throw validationFailed(`a matrix covers at most ${limits.maxNodes} nodes; this one would have ${nodes.length}`, [
      { field: 'nodeCodes', message: nodeRefs?.length ? `at most ${limits.maxNodes} nodes` : `the county has ${nodes.length} nodes: name at most ${limits.maxNodes} in nodeCodes` },
    ]);
  }
  const firstIndex = new Map<string, number>();
  const repeated = nodes.flatMap((node, index) => {
    const first = firstIndex.get(node.id);
    if (first === undefined) firstIndex.set(node.id, index);
    return first === undefined ? [] : [{ field: `nodeCodes[${index}]`, message: `${nodeRefs?.[index] ?? node.code} is the same node as nodeCodes[${first}]` }];
  });
  if (repeated.length > 0) throw validationFailed(`a node appears more than once in nodeCodes: ${repeated.map((problem) => problem.field).join(', ')}`, repeated);
}
