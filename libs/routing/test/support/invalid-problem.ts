import { InvalidProblemError } from '../../src/model/problem';

/** The InvalidProblemError `action` throws; fails the test when it throws nothing or something else. */
export function errorOf(action: () => unknown): InvalidProblemError {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidProblemError) return error;
    throw error;
  }
  throw new Error('expected an InvalidProblemError');
}
