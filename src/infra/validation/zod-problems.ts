import { z } from 'zod';
import { FieldProblem } from '../errors/domain-error';

/** `shipments[3].parcels[0].weightG`, the field paths every validation error in the API uses. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((field, key) => (typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${String(key)}` : String(key)), '') || 'body';
}

/** A zod error as the API's field problems (an unknown property named by its own path). */
export function problemsOf(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldPath([...prefix, ...issue.path, key]), message: `property ${key} should not exist` }))
      : [{ field: fieldPath([...prefix, ...issue.path]), message: issue.message }],
  );
}
