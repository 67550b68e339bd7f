import assert from 'node:assert/strict';
import { KNOWN_ORGANISATIONS } from '../../../../src/catalogue/known-organisations';
import { validateTeamsBlock } from '../../../../src/core/programmes/validate-teams-block';
import type { ValidationIssue } from '../../../../src/core/validation/validation-issue';

const context = {
  programmeId: 'defi-du-lab-2026',
  organisations: KNOWN_ORGANISATIONS.filter((o) => ['caf-guyane', 'cnav', 'onem'].includes(o.id)),
  themeIds: ['attirer', 'recruter'],
};

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const person = (n: number, organisation: string) => ({
  aadId: id(n),
  name: `Personne ${n}`,
  organisation,
});

function team(number: number, lead: number, members: number[]) {
  return {
    id: `team-${number}`,
    number,
    name: `Équipe ${number}`,
    theme: 'attirer',
    lead: id(lead),
    members: members.map((n) => person(n, n % 2 === 0 ? 'caf-guyane' : 'cnav')),
    facilitators: [person(90, 'cnaf'), person(91, 'cnav')],
  };
}

function validate(input: unknown) {
  const issues: ValidationIssue[] = [];
  const teams = validateTeamsBlock(input, context, issues);
  return { teams, issues: issues.map((i) => [i.path.join('.'), i.code, i.params]) };
}

describe('validateTeamsBlock', () => {
  it('turns formed teams into programme teams with their channel as workspace', () => {
    const input = [{ ...team(1, 1, [1, 2]), channel: '19:abc@thread.tacv2' }];
    const { teams, issues } = validate(input);
    assert.deepEqual(issues, []);
    assert.deepEqual(teams, [
      {
        id: 'team-1',
        programmeId: 'defi-du-lab-2026',
        number: 1,
        name: 'Équipe 1',
        themeId: 'attirer',
        leadAadId: id(1),
        members: [
          { aadId: id(1), name: 'Personne 1', organisationId: 'cnav' },
          { aadId: id(2), name: 'Personne 2', organisationId: 'caf-guyane' },
        ],
        facilitators: [
          { aadId: id(90), name: 'Personne 90', organisationId: 'cnaf' },
          { aadId: id(91), name: 'Personne 91', organisationId: 'cnav' },
        ],
        workspace: { kind: 'channel', conversationId: '19:abc@thread.tacv2' },
      },
    ]);
  });

  it('refuses a lead who is not a member of the team', () => {
    assert.deepEqual(validate([team(1, 3, [1, 2])]).issues, [
      ['teams.0.lead', 'leadNotMember', {}],
    ]);
  });

  it('refuses a member of an organisation outside the programme, and someone in two teams', () => {
    const first = team(1, 1, [1, 2]);
    first.members[1]!.organisation = 'cpam-isere';
    const { issues } = validate([first, team(2, 4, [4, 1])]);
    assert.deepEqual(issues, [
      ['teams.0.members.1.organisation', 'unknownOrganisation', { id: 'cpam-isere' }],
      ['teams.1.members.1.aadId', 'duplicate', { id: 'Personne 1' }],
    ]);
  });

  it('refuses duplicate ids and numbers, an unknown theme and a third facilitator', () => {
    const second = { ...team(1, 3, [3]), theme: 'autre' };
    const third = team(3, 5, [5]);
    third.facilitators.push(person(92, 'cnav'));
    const { issues } = validate([team(1, 1, [1]), second, third]);
    assert.deepEqual(
      issues.map(([path, code]) => [path, code]),
      [['teams.2.facilitators', 'tooLong']],
    );
    assert.deepEqual(
      validate([team(1, 1, [1]), second]).issues.map(([path, code]) => [path, code]),
      [
        ['teams.1.id', 'duplicate'],
        ['teams.1.number', 'duplicate'],
        ['teams.1.theme', 'choice'],
      ],
    );
  });
});
