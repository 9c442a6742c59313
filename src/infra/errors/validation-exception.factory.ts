import { ValidationError } from 'class-validator';
import { DomainError, FieldProblem } from './domain-error';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flatten(error.children ?? [], field));
  });
}

/** DTO validation failures become one validation_failed error listing every field. */
export function validationExceptionFactory(errors: ValidationError[]): DomainError {
  const problems = flatten(errors);
  return new DomainError('validation_failed', problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '), problems);
}
