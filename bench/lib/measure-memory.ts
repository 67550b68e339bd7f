import v8 from 'node:v8';
import { formTeams } from '../../src/core/team-formation/form-teams';
import { generateInstance } from './generate-instance';

/**
 * Run in a fresh process (`node --expose-gc --trace-gc`): generates one instance, collects the
 * garbage, prints a marker line, forms the teams, then prints one JSON line. The caller reads the
 * heap sizes V8 reports before each collection after the marker: their maximum is the peak heap
 * of the formation, since the heap is at a local maximum whenever a collection starts.
 */
export const MEMORY_MARKER = 'team-formation: start';

if (require.main === module) {
  const [people, teams, organisations] = process.argv.slice(2).map(Number) as [
    number,
    number,
    number,
  ];
  const input = generateInstance({
    name: `memory-${people}`,
    people,
    teams,
    minSize: Math.max(1, Math.floor(people / teams) - 1),
    maxSize: Math.ceil(people / teams) + 1,
    organisations,
    seed: 1,
    apartPairs: Math.ceil(people / 20),
  });
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with --expose-gc');
  collect();
  const before = v8.getHeapStatistics().used_heap_size;
  process.stdout.write(`${MEMORY_MARKER}\n`);
  const outcome = formTeams(input, { seed: 1 });
  const after = v8.getHeapStatistics().used_heap_size;
  process.stdout.write(
    `${JSON.stringify({ people, teams, feasible: outcome.feasible, before, after })}\n`,
  );
}
