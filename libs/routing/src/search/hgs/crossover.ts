import { Random } from '../../random';

/**
 * Ordered crossover (OX) on giant tours: the child keeps a random circular slice of parent A in
 * place and fills the other positions with the remaining clients in parent B's order, starting
 * after the slice. Writes into `child`; `seen` is scratch of size n + 1.
 */
export function orderedCrossover(parentA: Int32Array, parentB: Int32Array, child: Int32Array, seen: Uint8Array, random: Random): void {
  const n = parentA.length;
  seen.fill(0);
  const start = random.nextInt(n);
  let end = random.nextInt(n);
  while (n > 1 && end === start) end = random.nextInt(n);
  for (let i = start; ; i = (i + 1) % n) {
    child[i] = parentA[i];
    seen[parentA[i]] = 1;
    if (i === end) break;
  }
  let write = (end + 1) % n;
  for (let k = 1; k <= n; k++) {
    const c = parentB[(end + k) % n];
    if (seen[c]) continue;
    child[write] = c;
    write = (write + 1) % n;
  }
}
