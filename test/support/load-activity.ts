import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads a recorded Teams activity from test/fixtures/activities. */
export function loadActivity(name: string): Record<string, unknown> {
  const path = join(__dirname, '..', 'fixtures', 'activities', `${name}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}
