/** For each client, the other clients of its job (the same empty list for a job of one window). */
export function windowSiblings(windowGroup: Int32Array | null, n: number): Int32Array[] {
  const none = new Int32Array(0);
  const siblings: Int32Array[] = new Array<Int32Array>(n + 1).fill(none);
  if (windowGroup === null) return siblings;
  const members = new Map<number, number[]>();
  for (let c = 1; c <= n; c++) members.set(windowGroup[c], [...(members.get(windowGroup[c]) ?? []), c]);
  for (const clients of members.values()) {
    if (clients.length === 1) continue;
    for (const c of clients) siblings[c] = Int32Array.from(clients.filter((other) => other !== c));
  }
  return siblings;
}
