/**
 * Positions of every OSM node read from an extract, in typed arrays: a county extract holds millions
 * of nodes, and a Map of objects would cost ten times the memory. PBF files list nodes by ascending
 * id, so lookups are a binary search; a file that does not is sorted once.
 */
export class OsmNodeStore {
  private ids = new Float64Array(1 << 16);
  private lons = new Float64Array(1 << 16);
  private lats = new Float64Array(1 << 16);
  private count = 0;
  private sorted = true;

  get size(): number {
    return this.count;
  }

  add(id: number, lon: number, lat: number): void {
    if (this.count === this.ids.length) this.grow();
    if (this.count > 0 && id <= this.ids[this.count - 1]!) this.sorted = false;
    this.ids[this.count] = id;
    this.lons[this.count] = lon;
    this.lats[this.count] = lat;
    this.count++;
  }

  /** Call once after the last `add`. */
  seal(): void {
    this.ids = this.ids.slice(0, this.count);
    this.lons = this.lons.slice(0, this.count);
    this.lats = this.lats.slice(0, this.count);
    if (!this.sorted) this.sortById();
  }

  /** The node's [lon, lat], or `null` when the extract does not hold it (ways cut at the extract's edge). */
  position(id: number): [number, number] | null {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.ids[middle]!;
      if (found === id) return [this.lons[middle]!, this.lats[middle]!];
      if (found < id) low = middle + 1;
      else high = middle - 1;
    }
    return null;
  }

  private grow(): void {
    const grown = (array: Float64Array) => {
      const next = new Float64Array(array.length * 2);
      next.set(array);
      return next;
    };
    this.ids = grown(this.ids);
    this.lons = grown(this.lons);
    this.lats = grown(this.lats);
  }

  private sortById(): void {
    const order = Array.from({ length: this.count }, (_, index) => index).sort((a, b) => this.ids[a]! - this.ids[b]!);
    const reorder = (array: Float64Array) => Float64Array.from(order, (index) => array[index]!);
    this.ids = reorder(this.ids);
    this.lons = reorder(this.lons);
    this.lats = reorder(this.lats);
  }
}
