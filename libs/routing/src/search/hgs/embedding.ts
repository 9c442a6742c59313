/**
 * A planar picture of the clients recovered from the cost matrix alone (FastMap, Faloutsos & Lin
 * 1995), so HGS can order routes by polar angle around the depot the way HGS-CVRP does with
 * coordinates. Road matrices carry no coordinates; for Euclidean benchmarks two FastMap axes
 * recover the plane up to rotation and reflection, which is all polar ordering needs.
 */
export interface PlanarEmbedding {
  x: Float64Array;
  y: Float64Array;
  /** Polar angle of each point around point 0 (the depot), in [-π, π]. */
  angle: Float64Array;
}

/** Rounds of "farthest from the last pivot" used to pick each pivot pair. */
const PIVOT_ROUNDS = 3;

/** Embeds points 0..size-1 given a cost matrix (symmetrised) of `size × size`. */
export function embedInPlane(matrix: Float64Array, size: number): PlanarEmbedding {
  const distance = (i: number, j: number): number => 0.5 * (matrix[i * size + j] + matrix[j * size + i]);
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  projectOnAxis(size, (i, j) => distance(i, j) ** 2, x);
  projectOnAxis(size, (i, j) => Math.max(distance(i, j) ** 2 - (x[i] - x[j]) ** 2, 0), y);
  const angle = new Float64Array(size);
  for (let i = 0; i < size; i++) angle[i] = Math.atan2(y[i] - y[0], x[i] - x[0]);
  return { x, y, angle };
}

/** One FastMap axis: coordinates along the line through two far-apart pivots. */
function projectOnAxis(size: number, squared: (i: number, j: number) => number, out: Float64Array): void {
  let a = 0;
  let b = 0;
  for (let round = 0; round < PIVOT_ROUNDS; round++) {
    b = farthest(size, a, squared);
    if (round < PIVOT_ROUNDS - 1) a = farthest(size, b, squared);
  }
  const ab = squared(a, b);
  if (ab <= 0) return; // all points coincide on this axis
  const length = Math.sqrt(ab);
  for (let i = 0; i < size; i++) out[i] = (squared(a, i) + ab - squared(b, i)) / (2 * length);
}

function farthest(size: number, from: number, squared: (i: number, j: number) => number): number {
  let best = from;
  let bestValue = -1;
  for (let i = 0; i < size; i++) {
    const value = squared(from, i);
    if (value > bestValue) {
      bestValue = value;
      best = i;
    }
  }
  return best;
}
