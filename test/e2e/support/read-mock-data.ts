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

/** Reads the Playground's mock data: its text (to copy), its current user and the others. */
export function readMockData(path = MOCK_DATA_PATH): {
  text: string;
  currentUser: MockCurrentUser;
  /** The other members of the group chat and the team, who never type in the Playground. */
  users: MockCurrentUser[];
} {
  const text = readFileSync(path, 'utf8');
  type Entry = { name?: unknown; aadObjectId?: unknown };
  const data = parse(text) as { currentUser?: Entry; users?: Entry[] };
  const { name, aadObjectId } = data.currentUser ?? {};
  if (typeof name !== 'string' || typeof aadObjectId !== 'string') {
    throw new Error(`${path}: currentUser.name and currentUser.aadObjectId are required`);
  }
  const users = (data.users ?? []).flatMap((user) =>
    typeof user.name === 'string' && typeof user.aadObjectId === 'string'
      ? [{ name: user.name, aadObjectId: user.aadObjectId }]
      : [],
  );
  return { text, currentUser: { name, aadObjectId }, users };
}
