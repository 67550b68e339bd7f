import { readFileSync } from 'node:fs';

/** A `param` declaration: its name, type, default (source text) and decorators. */
export interface BicepParam {
  name: string;
  type: string;
  defaultValue: string | undefined;
  /** Decorator name → argument source text (`minLength` → `32`, `secure` → ``). */
  decorators: Map<string, string>;
}

/** A `resource` declaration: symbolic name, type, API version and its body's source text. */
export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  /** The condition of `= if (…)`, when the resource is conditional. */
  condition: string | undefined;
  body: string;
}

/** What the invariant tests read from a Bicep file: no evaluation, only its declarations. */
export interface BicepFile {
  /** The file without its comments, for searches that comments must not satisfy. */
  code: string;
  params: Map<string, BicepParam>;
  vars: Map<string, string>;
  resources: BicepResource[];
  outputs: Map<string, string>;
}

/**
 * Reads a Bicep file far enough for invariant checks: comments removed (outside strings), then
 * top-level `param`, `var`, `resource` and `output` declarations with their decorators and their
 * bodies, balanced over (), [], {} and strings. It is no compiler: `az bicep build` remains the
 * check of the syntax.
 */
export function readBicep(path: string): BicepFile {
  const code = stripComments(readFileSync(path, 'utf8'));
  const file: BicepFile = {
    code,
    params: new Map(),
    vars: new Map(),
    resources: [],
    outputs: new Map(),
  };
  const decorators = new Map<string, string>();
  let i = 0;
  while (i < code.length) {
    i = skipSpace(code, i);
    if (i >= code.length) break;
    if (code[i] === '@') {
      const name = /^@([A-Za-z]+)/.exec(code.slice(i))![1]!;
      const open = i + 1 + name.length;
      const end = code[open] === '(' ? balancedEnd(code, open) : open;
      decorators.set(name, code[open] === '(' ? code.slice(open + 1, end - 1).trim() : '');
      i = end;
      continue;
    }
    const lineEnd = code.indexOf('\n', i) === -1 ? code.length : code.indexOf('\n', i);
    const head = code.slice(i, lineEnd);
    const keyword = /^(param|var|resource|output|targetScope|metadata|import|type|func)\b/.exec(
      head,
    )?.[1];
    if (keyword === undefined) throw new Error(`Unexpected top-level text in ${path}: ${head}`);
    const end = declarationEnd(code, i);
    const text = code.slice(i, end).trim();
    if (keyword === 'param') {
      const match = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*([\s\S]+))?$/.exec(text);
      if (match === null) throw new Error(`Unreadable param in ${path}: ${text}`);
      file.params.set(match[1]!, {
        name: match[1]!,
        type: match[2]!,
        defaultValue: match[3]?.trim(),
        decorators: new Map(decorators),
      });
    } else if (keyword === 'var') {
      const match = /^var\s+(\w+)\s*=\s*([\s\S]+)$/.exec(text);
      if (match === null) throw new Error(`Unreadable var in ${path}: ${text}`);
      file.vars.set(match[1]!, match[2]!.trim());
    } else if (keyword === 'resource') {
      const match =
        /^resource\s+(\w+)\s+'([^'@]+)@([^']+)'(?:\s+existing)?\s*=\s*(?:if\s*\(([\s\S]*?)\)\s*)?(\{[\s\S]*\})$/.exec(
          text,
        );
      if (match === null) throw new Error(`Unreadable resource in ${path}: ${text.slice(0, 80)}`);
      file.resources.push({
        symbol: match[1]!,
        type: match[2]!,
        apiVersion: match[3]!,
        condition: match[4]?.trim(),
        body: match[5]!,
      });
    } else if (keyword === 'output') {
      const match = /^output\s+(\w+)\s+\w+\s*=\s*([\s\S]+)$/.exec(text);
      if (match !== null) file.outputs.set(match[1]!, match[2]!.trim());
    }
    decorators.clear();
    i = end;
  }
  return file;
}

/** The resources of one type, e.g. `Microsoft.Web/sites`. */
export function resourcesOfType(file: BicepFile, type: string): BicepResource[] {
  return file.resources.filter((resource) => resource.type === type);
}

/** The one resource of a type; throws when there are none or several. */
export function onlyResourceOfType(file: BicepFile, type: string): BicepResource {
  const found = resourcesOfType(file, type);
  if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/** The string value of `key: '…'` in a body (first occurrence), or undefined. */
export function stringProperty(body: string, key: string): string | undefined {
  return new RegExp(`\\b${key}:\\s*'([^']*)'`).exec(body)?.[1];
}

/** The raw value text of `key: …` on its line (first occurrence), or undefined. */
export function propertyText(body: string, key: string): string | undefined {
  return new RegExp(`\\b${key}:\\s*([^\\n]+)`).exec(body)?.[1]?.trim();
}

/** Symbols listed in the `dependsOn: [ … ]` of a body. */
export function dependsOn(body: string): string[] {
  const match = /\bdependsOn:\s*\[([\s\S]*?)\]/.exec(body);
  return match === null ? [] : match[1]!.split(/\s+/).filter((word) => /^\w+$/.test(word));
}

/**
 * The keys and raw values of a Bicep object literal (`{ KEY: value … }`), one property per line,
 * nested objects kept as text. For app settings objects.
 */
export function objectEntries(objectText: string): Map<string, string> {
  const inner = objectText.trim().replace(/^\{/, '').replace(/\}$/, '');
  const entries = new Map<string, string>();
  let i = 0;
  while (i < inner.length) {
    i = skipSpace(inner, i);
    if (i >= inner.length) break;
    const key = /^'?([\w.-]+)'?\s*:/.exec(inner.slice(i));
    if (key === null) throw new Error(`Unreadable object entry: ${inner.slice(i, i + 60)}`);
    let j = skipSpace(inner, i + key[0].length);
    const start = j;
    // A value runs to the end of its line, unless a bracket or a string keeps it open.
    while (j < inner.length && inner[j] !== '\n') {
      j = /[([{']/.test(inner[j]!) ? balancedEnd(inner, j) : j + 1;
    }
    entries.set(key[1]!, inner.slice(start, j).trim());
    i = j;
  }
  return entries;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i += 1;
  return i;
}

/** Where a top-level declaration starting at `i` ends: a newline outside any bracket or string. */
function declarationEnd(text: string, i: number): number {
  let j = i;
  for (;;) {
    if (j >= text.length) return j;
    const char = text[j]!;
    if (char === '\n') {
      // A ternary or an operator may continue on the next line.
      const next = text.slice(skipSpace(text, j));
      if (!/^[?:]/.test(next)) return j;
      j += 1;
    } else if (/[([{']/.test(char)) {
      j = balancedEnd(text, j);
    } else {
      j += 1;
    }
  }
}

/** The index just after the bracket or string that opens at `i`. */
function balancedEnd(text: string, i: number): number {
  const open = text[i]!;
  if (open === "'") {
    if (text.startsWith("'''", i)) {
      const close = text.indexOf("'''", i + 3);
      if (close === -1) throw new Error('Unterminated multi-line string');
      return close + 3;
    }
    let j = i + 1;
    while (j < text.length && text[j] !== "'") {
      if (text[j] === '\\') j += 2;
      else if (text.startsWith('${', j)) j = balancedEnd(text, j + 1);
      else j += 1;
    }
    return j + 1;
  }
  const close = { '(': ')', '[': ']', '{': '}' }[open]!;
  let j = i + 1;
  while (j < text.length && text[j] !== close) {
    j = /[([{']/.test(text[j]!) ? balancedEnd(text, j) : j + 1;
  }
  if (j >= text.length) throw new Error(`Unbalanced "${open}" at ${i}`);
  return j + 1;
}

/** Removes `//` and `/* … *\/` comments outside strings (including multi-line ones). */
function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === "'") {
      const end = balancedEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 2;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}
