import type { ValidationIssue } from '../../../core/validation/validation-issue';
import type { CardContext } from './card-context';

/** The error to show under each field: its first issue, as a sentence without the field's name. */
export function toFieldErrors(
  issues: readonly ValidationIssue[] | undefined,
  { t }: CardContext,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= capitalise(t(`validation.${issue.code}`, issue.params));
  }
  return errors;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
