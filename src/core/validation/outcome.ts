import type { ValidationIssue } from './validation-issue';

/**
 * Why a use case refused to act: a code (each has a sentence in every message catalogue), the
 * figures its sentence needs, and for `invalid` the issue of every field. Each capability names
 * its own codes.
 */
export interface Refusal<Code extends string = string> {
  code: Code;
  params: Record<string, string | number>;
  issues?: ValidationIssue[];
}

/** What a use case returns: its result, or the reason it refused (nothing was written then). */
export type Outcome<T, Code extends string = string> =
  { ok: true; value: T } | { ok: false; refusal: Refusal<Code> };

/** Builds a refusal outcome. */
export function refuse<T, Code extends string>(
  code: Code,
  params: Record<string, string | number> = {},
  issues?: ValidationIssue[],
): Outcome<T, Code> {
  return { ok: false, refusal: issues === undefined ? { code, params } : { code, params, issues } };
}
