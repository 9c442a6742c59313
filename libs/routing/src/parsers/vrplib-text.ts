import { InvalidProblemError } from '../model/problem';

/**
 * The syntax of a VRPLIB file, shared by the CVRPLIB-style readers: `KEY : value` specifications,
 * then `NAME_SECTION` blocks of whitespace-separated numeric rows, up to `EOF`. It says nothing
 * about what the fields mean; the instance readers and the solution checkers interpret them.
 */
export interface VrplibSpecification {
  value: string;
  /** 1-based line number, for error messages. */
  line: number;
}

export interface VrplibSection {
  /** Numeric rows in file order; `DEPOT_SECTION` stops at its `-1` terminator, which is left out. */
  rows: number[][];
  /** Line number of each row. */
  rowLines: number[];
  /** Line number of the section header. */
  line: number;
}

export interface VrplibText {
  specifications: Map<string, VrplibSpecification>;
  sections: Map<string, VrplibSection>;
}

/** Reads the specifications and sections; a non-numeric row or a repeated section names its line. */
export function readVrplibText(text: string): VrplibText {
  const specifications = new Map<string, VrplibSpecification>();
  const sections = new Map<string, VrplibSection>();
  let current: VrplibSection | null = null;
  let currentName = '';
  let terminated = false;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = lines[index].trim();
    if (!line) continue;
    if (/^EOF\b/.test(line)) break;
    const sectionHeader = line.match(/^([A-Z][A-Z0-9_]*_SECTION)\s*:?\s*$/);
    if (sectionHeader) {
      currentName = sectionHeader[1];
      if (sections.has(currentName)) throw new InvalidProblemError(`${currentName} appears twice`, `line ${lineNo}`);
      current = { rows: [], rowLines: [], line: lineNo };
      sections.set(currentName, current);
      terminated = false;
      continue;
    }
    const specification = line.match(/^([A-Z][A-Z0-9_]*)\s*:\s*(.*)$/);
    if (specification) {
      specifications.set(specification[1], { value: specification[2].trim().replace(/^"|"$/g, ''), line: lineNo });
      current = null;
      continue;
    }
    if (!current) throw new InvalidProblemError(`cannot read "${line}" outside a section`, `line ${lineNo}`);
    const numbers = line.split(/\s+/).map(Number);
    const bad = numbers.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new InvalidProblemError(`${currentName} row "${line}": field ${bad + 1} is not a number`, `line ${lineNo}`);
    if (currentName === 'DEPOT_SECTION' && numbers[0] === -1) terminated = true;
    if (terminated) continue;
    current.rows.push(numbers);
    current.rowLines.push(lineNo);
  }
  return { specifications, sections };
}
