import { InvalidProblemError } from '../model/problem';
import { AnyInstanceFormat, registeredFormats } from './format';

// Each format module registers itself; add one import line per format.
import './cvrplib-format';
import './solomon-format';
import './two-echelon-format';
import './lilim-format';
import './vroom-json-format';
import './vrplib-rich-format';

export { registeredFormats } from './format';
export type { AnyInstanceFormat, InstanceFormat, SolutionSummary, VerifyVerdict } from './format';

/** The format with the highest detection score, or an InvalidProblemError naming the file. */
export function detectFormat(text: string, fileName: string): AnyInstanceFormat {
  let best: AnyInstanceFormat | undefined;
  let bestScore = 0;
  for (const format of registeredFormats()) {
    const score = format.detect(text, fileName);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  if (!best) {
    const known = registeredFormats()
      .map((f) => f.id)
      .join(', ');
    throw new InvalidProblemError(`unrecognised instance format (known: ${known})`, fileName);
  }
  return best;
}

export function formatById(id: string): AnyInstanceFormat {
  const format = registeredFormats().find((f) => f.id === id);
  if (!format) throw new InvalidProblemError(`unknown format "${id}"`, 'format');
  return format;
}
