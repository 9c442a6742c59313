import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TINY_VRP } from '../parsers/tiny-instances';

/** A published instance or solution copied into `fixtures/rich` (see its README). */
export const richFixture = (file: string): string => readFileSync(join(__dirname, 'fixtures', 'rich', file), 'utf8');

/**
 * Tiny PyVRP-dialect instances with hand-checked costs. Nodes: depot (node 1) at (0,0), clients
 * 1..3 (nodes 2..4) at (3,0), (3,4), (0,4): arcs of 3, 4 and 5 (×10 under DIMACS), demand 4 each.
 */
/** The plain CVRPLIB tiny instance's coordinates and demands, shared by every variant below. */
const NODES = TINY_VRP.slice(TINY_VRP.indexOf('NODE_COORD_SECTION'), TINY_VRP.indexOf('DEPOT_SECTION'));

export const TINY_HFVRP = `NAME: tiny-hf
TYPE: HFVRP
DIMENSION: 4
VEHICLES: 2
EDGE_WEIGHT_TYPE: EUC_2D
${NODES}CAPACITY_SECTION
1 5
2 10
VEHICLES_FIXED_COST_SECTION
1 100
2 300
VEHICLES_UNIT_DISTANCE_COST_SECTION
1 100
2 150
DEPOT_SECTION
1
EOF
`;

/** Clients 1 and 2 are linehauls, client 3 a backhaul of 3. */
export const TINY_VRPB = `NAME: tiny-b
TYPE: VRPB
DIMENSION: 4
CAPACITY: 10
EDGE_WEIGHT_TYPE: EUC_2D
${NODES.replace('4 4\n', '4 0\n')}BACKHAUL_SECTION
1 0
2 0
3 0
4 3
DEPOT_SECTION
1
EOF
`;

/** One vehicle of capacity 8 that may reload; client 3 is released at 20 (200 in DIMACS units). */
export const TINY_MTVRPTWR = `NAME: tiny-mt
TYPE: MTVRPTWR
EDGE_WEIGHT_TYPE: EUC_2D
DIMENSION: 4
VEHICLES: 1
CAPACITY: 8
SERVICE_TIME: 1
${NODES}TIME_WINDOW_SECTION
1 0 100
2 0 100
3 0 100
4 0 100
RELEASE_TIME_SECTION
1 0
2 0
3 0
4 20
VEHICLES_RELOAD_DEPOT_SECTION
1 1
DEPOT_SECTION
1
EOF
`;

/** Client 3 is optional with a prize of 7 (70 in DIMACS units); windows make 1 2 3 infeasible. */
export const TINY_PCVRPTW = `NAME : tiny-pc
TYPE : PCVRPTW
DIMENSION : 4
VEHICLES : 1
CAPACITY : 12
SERVICE_TIME : 1
EDGE_WEIGHT_TYPE : EUC_2D
${NODES}TIME_WINDOW_SECTION
1 0 100
2 0 10
3 0 20
4 0 5
PRIZE_SECTION
1 0
2 0
3 0
4 7
DEPOT_SECTION
1
-1
EOF
`;
