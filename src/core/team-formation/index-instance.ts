import type { TeamFormationInput } from './team-formation';

/**
 * The input turned into small integer arrays, so the search compares numbers rather than strings.
 * Everything here is O(people + teams + pairs): nothing is indexed by pairs of people.
 */
export interface IndexedInstance {
  readonly input: TeamFormationInput;
  readonly people: number;
  readonly teamCount: number;
  readonly minSize: number;
  readonly maxSize: number;
  readonly personIds: readonly string[];
  readonly organisation: Int32Array;
  readonly organisationIds: readonly string[];
  readonly branch: Int32Array;
  readonly branchIds: readonly string[];
  /** Share of each branch among all participants, the reference a balanced team is close to. */
  readonly branchShare: Float64Array;
  /** -1 when the person has no role. */
  readonly role: Int32Array;
  readonly roleIds: readonly string[];
  /** -1 when the person has no region. */
  readonly region: Int32Array;
  readonly regionIds: readonly string[];
  /** Ranked theme wishes of person p are themeList[themeStart[p] .. themeStart[p + 1]). */
  readonly themeStart: Int32Array;
  readonly themeList: Int32Array;
  readonly themeIds: readonly string[];
  /** Value of the no-isolation attribute, -1 when absent or when the rule is off. */
  readonly isolation: Int32Array;
  readonly isolationValues: readonly string[];
  /** Locked team of each person, -1 when free. */
  readonly lockedTeam: Int32Array;
  /** "Apart" partners of person p are apartList[apartStart[p] .. apartStart[p + 1]). */
  readonly apartStart: Int32Array;
  readonly apartList: Int32Array;
}

/** Indexes a validated input; throws on a reference to an unknown person, which validation refuses first. */
export function indexInstance(input: TeamFormationInput): IndexedInstance {
  const people = input.people.length;
  const personIndex = new Map<string, number>();
  input.people.forEach((person, index) => personIndex.set(person.id, index));
  const indexOf = (id: string): number => {
    const index = personIndex.get(id);
    if (index === undefined) throw new Error(`unknown person "${id}"`);
    return index;
  };

  const organisations = createDictionary();
  const branches = createDictionary();
  const roles = createDictionary();
  const regions = createDictionary();
  const themes = createDictionary();
  const isolationValues = createDictionary();
  const organisation = new Int32Array(people);
  const branch = new Int32Array(people);
  const role = new Int32Array(people);
  const region = new Int32Array(people);
  const isolation = new Int32Array(people);
  const themeStart = new Int32Array(people + 1);
  const themeIndices: number[] = [];
  input.people.forEach((person, p) => {
    organisation[p] = organisations.add(person.organisation);
    branch[p] = branches.add(person.branch);
    role[p] = person.role === undefined ? -1 : roles.add(person.role);
    region[p] = person.region === undefined ? -1 : regions.add(person.region);
    const value = readAttribute(person, input.noIsolation);
    isolation[p] = value === undefined ? -1 : isolationValues.add(value);
    for (const theme of person.themes ?? []) themeIndices.push(themes.add(theme));
    themeStart[p + 1] = themeIndices.length;
  });

  const branchShare = new Float64Array(branches.ids.length);
  for (let p = 0; p < people; p++) branchShare[branch[p]!]! += 1 / people;

  const lockedTeam = new Int32Array(people).fill(-1);
  for (const lock of input.locked ?? []) lockedTeam[indexOf(lock.person)] = lock.team;

  const degree = new Int32Array(people + 1);
  const pairs = (input.apart ?? []).map(([a, b]) => [indexOf(a), indexOf(b)] as const);
  for (const [a, b] of pairs) {
    degree[a]!++;
    degree[b]!++;
  }
  const apartStart = new Int32Array(people + 1);
  for (let p = 0; p < people; p++) apartStart[p + 1] = apartStart[p]! + degree[p]!;
  const apartList = new Int32Array(apartStart[people]!);
  const fill = apartStart.slice(0, people);
  for (const [a, b] of pairs) {
    apartList[fill[a]!++] = b;
    apartList[fill[b]!++] = a;
  }

  return {
    input,
    people,
    teamCount: input.teamCount,
    minSize: input.minSize,
    maxSize: input.maxSize,
    personIds: input.people.map((person) => person.id),
    organisation,
    organisationIds: organisations.ids,
    branch,
    branchIds: branches.ids,
    branchShare,
    role,
    roleIds: roles.ids,
    region,
    regionIds: regions.ids,
    themeStart,
    themeList: Int32Array.from(themeIndices),
    themeIds: themes.ids,
    isolation,
    isolationValues: isolationValues.ids,
    lockedTeam,
    apartStart,
    apartList,
  };
}

function createDictionary(): { ids: string[]; add(id: string): number } {
  const ids: string[] = [];
  const index = new Map<string, number>();
  return {
    ids,
    add(id) {
      let found = index.get(id);
      if (found === undefined) {
        found = ids.length;
        ids.push(id);
        index.set(id, found);
      }
      return found;
    },
  };
}

function readAttribute(
  person: TeamFormationInput['people'][number],
  attribute: string | undefined,
): string | undefined {
  if (attribute === undefined) return undefined;
  if (attribute === 'role') return person.role;
  if (attribute === 'region') return person.region;
  if (attribute === 'branch') return person.branch;
  if (attribute === 'organisation') return person.organisation;
  return person.attributes?.[attribute];
}
