import type { ApiProblem } from './api';

/** The API's problem+json message for one field, shown next to it. */
export function FieldError({ problem, field }: { problem: ApiProblem | null; field: string }) {
  const message = problem?.forField(field);
  return message ? (
    <span class="field-error" role="alert" data-field={field}>
      {message}
    </span>
  ) : null;
}
