import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

const SRC = join(__dirname, '..', '..', '..', 'src');

/** Every relative import of the .ts files under `root`, as folder → folder edges between its top-level folders. */
function readFolderImports(root: string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const from = relative(root, path).split(sep)[0]!;
        for (const match of readFileSync(path, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
          const target = relative(root, normalize(join(dirname(path), match[1]!)));
          if (target.startsWith('..')) continue;
          const to = target.split(sep)[0]!;
          if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
        }
      }
    }
  };
  walk(root);
  return edges;
}

/** Pairs of folders that import each other, except with the folders allowed to (ports name domain types). */
function findTwoWayPairs(
  edges: ReadonlyMap<string, ReadonlySet<string>>,
  allowed: readonly string[] = [],
): string[] {
  const pairs: string[] = [];
  for (const [from, targets] of edges) {
    for (const to of targets) {
      if (
        from < to &&
        edges.get(to)?.has(from) &&
        !allowed.includes(from) &&
        !allowed.includes(to)
      ) {
        pairs.push(`${from} ⇄ ${to}`);
      }
    }
  }
  return pairs.sort();
}

describe('import directions', () => {
  it('finds a pair of folders that import each other (the check can fail)', () => {
    const edges = new Map([
      ['checkins', new Set(['follow-up', 'ports'])],
      ['follow-up', new Set(['checkins'])],
      ['ports', new Set(['checkins'])],
    ]);
    assert.deepEqual(findTwoWayPairs(edges, ['ports']), ['checkins ⇄ follow-up']);
  });

  it('has no two folders of src/core, other than ports, importing each other', () => {
    assert.deepEqual(findTwoWayPairs(readFolderImports(join(SRC, 'core')), ['ports']), []);
  });

  it('has no two capability modules of src/features importing each other', () => {
    assert.deepEqual(findTwoWayPairs(readFolderImports(join(SRC, 'features'))), []);
  });

  it('has no two top-level folders of src importing each other', () => {
    assert.deepEqual(findTwoWayPairs(readFolderImports(SRC)), []);
  });
});
