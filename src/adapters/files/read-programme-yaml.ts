import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ProgrammeTeam } from '../../core/programmes/programme-team';
import type { Organisation, Programme } from '../../core/programmes/programme';
import { validateProgramme } from '../../core/programmes/validate-programme';
import type { ValidationIssue } from '../../core/validation/validation-issue';

/** A validation issue with the line of the file it points at (1-based), when it can be found. */
export interface LocatedIssue extends ValidationIssue {
  line: number | undefined;
}

/** The outcome of reading a programme file: the programme and, when the file lists them, its teams. */
export type ProgrammeFileResult =
  | { ok: true; programme: Programme; teams?: ProgrammeTeam[] }
  | { ok: false; issues: LocatedIssue[] };

/** Parses and validates a programme YAML file, pointing every issue at its line. */
export function readProgrammeYaml(
  text: string,
  catalogue: readonly Organisation[],
): ProgrammeFileResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error) => ({
        path: [],
        code: 'syntax',
        params: { detail: error.message.split('\n')[0] ?? error.code },
        line: error.linePos?.[0].line,
      })),
    };
  }
  const result = validateProgramme(document.toJS(), catalogue);
  if (result.ok) return result;
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      ...issue,
      line: locate(document.contents, issue.path, lineCounter),
    })),
  };
}

/**
 * The line of the deepest node on the path that exists: the key of a present field, or the
 * parent of a missing one, so "required" points where the field should be added.
 */
function locate(
  root: Node | null,
  path: (string | number)[],
  lineCounter: LineCounter,
): number | undefined {
  let current: unknown = root;
  let offset: number | undefined = root?.range?.[0];
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (pair === undefined) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment] as Node | undefined;
      if (item === undefined) break;
      offset = item.range?.[0] ?? offset;
      current = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
