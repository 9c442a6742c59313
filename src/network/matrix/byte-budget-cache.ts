import { LRUCache } from 'lru-cache';

/**
 * Rough heap cost of an item of a plain array (a node, an edge, a closure list): the typed arrays
 * dominate every cached value, so an estimate is enough for the rest.
 */
const BYTES_PER_ARRAY_ITEM = 100;

/** Bytes held by `value`'s own typed arrays, plus BYTES_PER_ARRAY_ITEM per item of its plain arrays. */
export function approximateBytes(value: object): number {
  let bytes = 0;
  for (const field of Object.values(value)) {
    if (ArrayBuffer.isView(field)) bytes += field.byteLength;
    else if (Array.isArray(field)) bytes += field.length * BYTES_PER_ARRAY_ITEM;
  }
  return Math.max(1, bytes);
}

/** A least-recently-used cache limited by the memory its values hold, not by how many there are. */
export function byteBudgetCache<Value extends object>(maxBytes: number): LRUCache<string, Value> {
  return new LRUCache<string, Value>({ maxSize: maxBytes, sizeCalculation: approximateBytes });
}
