import { RoadNetworkCsvError } from '../network/import/road-network-csv';
import { DomainError } from '../infra/errors/domain-error';
import { CliUsageError } from './cli-usage-error';

/**
 * The message for an error the user can fix (bad usage, a bad file, rejected data: exit 2), or null
 * for a failure of ours (exit 1).
 */
export function describeBadInput(error: unknown): string | null {
  if (error instanceof CliUsageError || error instanceof RoadNetworkCsvError || error instanceof SyntaxError) return error.message;
  if (error instanceof DomainError && (error.code === 'validation_failed' || error.code === 'conflict')) {
    return (
      error.message +
      error.problems
        .slice(0, 20)
        .map((problem) => `\n  ${problem.field}: ${problem.message}`)
        .join('')
    );
  }
  return null;
}
