import type { z } from 'zod';

/** Why a value was refused; each code has a sentence in every message catalogue. */
export type IssueCode =
  | 'required'
  | 'expectedText'
  | 'expectedNumber'
  | 'expectedList'
  | 'expectedObject'
  | 'expectedBoolean'
  | 'integer'
  | 'min'
  | 'max'
  | 'tooShort'
  | 'tooLong'
  | 'choice'
  | 'date'
  | 'dateOrder'
  | 'unknownOrganisation'
  | 'duplicate'
  | 'timezone'
  | 'url'
  | 'email'
  | 'notYourself'
  | 'organisationMismatch'
  | 'identifier'
  | 'unknownField'
  | 'syntax'
  | 'teamSize'
  | 'time'
  | 'month'
  | 'ascending'
  | 'leadNotMember'
  | 'invalid';

/** One refused value: where it is (a path into the input), why, and the figures the sentence needs. */
export interface ValidationIssue {
  path: (string | number)[];
  code: IssueCode;
  params: Record<string, string | number>;
}

/** Turns zod's issues into ours, so every adapter can say them in the user's language. */
export function fromZodIssues(issues: z.ZodIssue[]): ValidationIssue[] {
  return issues.map((issue): ValidationIssue => {
    const path = issue.path;
    switch (issue.code) {
      case 'invalid_type': {
        if (issue.received === 'undefined' || issue.received === 'null') {
          return { path, code: 'required', params: {} };
        }
        const expected: Record<string, IssueCode> = {
          string: 'expectedText',
          number: 'expectedNumber',
          array: 'expectedList',
          object: 'expectedObject',
          boolean: 'expectedBoolean',
          integer: 'integer',
        };
        return { path, code: expected[issue.expected] ?? 'invalid', params: {} };
      }
      case 'too_small':
        if (issue.type === 'string') {
          return Number(issue.minimum) <= 1
            ? { path, code: 'required', params: {} }
            : { path, code: 'tooShort', params: { min: Number(issue.minimum) } };
        }
        if (issue.type === 'array')
          return { path, code: 'tooShort', params: { min: Number(issue.minimum) } };
        return { path, code: 'min', params: { min: Number(issue.minimum) } };
      case 'too_big':
        if (issue.type === 'string' || issue.type === 'array') {
          return { path, code: 'tooLong', params: { max: Number(issue.maximum) } };
        }
        return { path, code: 'max', params: { max: Number(issue.maximum) } };
      case 'invalid_enum_value':
        return { path, code: 'choice', params: { allowed: issue.options.join(', ') } };
      case 'invalid_string':
        if (issue.validation === 'url') return { path, code: 'url', params: {} };
        if (issue.validation === 'email') return { path, code: 'email', params: {} };
        return { path, code: 'invalid', params: {} };
      case 'unrecognized_keys':
        return { path, code: 'unknownField', params: { fields: issue.keys.join(', ') } };
      case 'custom': {
        const params = (issue.params ?? {}) as { code?: IssueCode } & Record<
          string,
          string | number
        >;
        const { code, ...rest } = params;
        return { path, code: code ?? 'invalid', params: rest };
      }
      default:
        return { path, code: 'invalid', params: {} };
    }
  });
}

/** Writes a path the way people read a field name in a file: `milestones.kickOff`, `organisations[2]`. */
export function formatPath(path: (string | number)[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
    )
    .join('');
}
