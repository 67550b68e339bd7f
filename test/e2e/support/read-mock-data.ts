import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The repository's Agents Playground mock data (.m365agentsplayground.yml). */
export const MOCK_DATA_PATH = join(__dirname, '..', '..', '..', '.m365agentsplayground.yml');

/** The person who uses the Playground page: every message and card click comes from them. */
export interface MockCurrentUser {
  name: string;
  aadObjectId: string;
}

/** Reads the Playground's mock data: its text (to copy) and its current user. */
export function readMockData(path = MOCK_DATA_PATH): {
  text: string;
  currentUser: MockCurrentUser;
} {
  const text = readFileSync(path, 'utf8');
  const data = parse(text) as { currentUser?: { name?: unknown; aadObjectId?: unknown } };
  const { name, aadObjectId } = data.currentUser ?? {};
  if (typeof name !== 'string' || typeof aadObjectId !== 'string') {
    throw new Error(`${path}: currentUser.name and currentUser.aadObjectId are required`);
  }
  return { text, currentUser: { name, aadObjectId } };
}
