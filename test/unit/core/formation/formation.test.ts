import assert from 'node:assert/strict';
import { applyFormationEdit } from '../../../../src/core/formation/edit-formation';
import type { FormationDraft } from '../../../../src/core/formation/formation-draft';
import { planTeamSizes } from '../../../../src/core/formation/plan-team-sizes';
import { evaluateDraft, proposeFormation } from '../../../../src/core/formation/propose-formation';
import { toProgrammeTeams } from '../../../../src/core/formation/to-programme-teams';
import type { Programme } from '../../../../src/core/programmes/programme';
import { createDemoFacilitators, createDemoParticipants } from '../../../../src/demo/demo-people';
import { DEMO_PROGRAMME } from '../../../../src/demo/seed-demo-programme';

const programme: Programme = { ...DEMO_PROGRAMME, facilitators: createDemoFacilitators() };
const participants = createDemoParticipants(
  programme.organisations,
  programme.themeOptions.map((t) => t.id),
);
const NOW = new Date('2026-05-28T08:00:00.000Z');
const organisationOf = new Map(participants.map((p) => [p.aadId, p.organisationId]));

function propose(seed = 1) {
  const view = proposeFormation(programme, participants, {
    seed,
    userLocks: [],
    now: NOW,
    by: 'lab',
    language: 'fr',
  });
  assert.ok(view.ok, 'the demo programme can be formed');
  return view;
}

function teamOf(draft: FormationDraft, person: string): number {
  return draft.assignment.find((a) => a.person === person)!.team;
}

describe('team formation for a programme', () => {
  it('plans teams of about six, never fewer than the largest organisation needs', () => {
    assert.deepEqual(planTeamSizes(39, 4), { teamCount: 7, minSize: 5, maxSize: 6 });
    assert.deepEqual(planTeamSizes(20, 9), { teamCount: 9, minSize: 2, maxSize: 3 });
  });

  it('forms the 39 demo participants into mixed teams with two facilitators each', () => {
    const { result, draft } = propose();
    assert.equal(result.teams.length, 7);
    assert.equal(result.hardViolations, 0);
    for (const team of result.teams) {
      const organisations = team.members.map((id) => organisationOf.get(id));
      assert.equal(new Set(organisations).size, organisations.length, 'no colleagues together');
      assert.equal(team.facilitators.length, 2);
    }
    assert.equal(draft.assignment.length, 39);
  });

  it('gives the same formation for the same seed and another for another seed', () => {
    assert.deepEqual(propose(1).result, propose(1).result);
    assert.notDeepEqual(propose(1).draft.assignment, propose(2).draft.assignment);
  });

  it('swaps two people of different organisations and rescores', () => {
    const { draft } = propose();
    const a = draft.assignment[0]!;
    // Someone in another team whose organisation is absent from a's team, and vice versa.
    const members = (team: number) =>
      draft.assignment.filter((x) => x.team === team).map((x) => x.person);
    const b = draft.assignment.find(
      (x) =>
        x.team !== a.team &&
        !members(a.team).some(
          (m) => m !== a.person && organisationOf.get(m) === organisationOf.get(x.person),
        ) &&
        !members(x.team).some(
          (m) => m !== x.person && organisationOf.get(m) === organisationOf.get(a.person),
        ),
    )!;
    const edited = applyFormationEdit(draft, { kind: 'swap', a: a.person, b: b.person });
    assert.ok(edited.ok);
    const view = evaluateDraft(programme, participants, edited.draft, {
      lockAll: true,
      language: 'fr',
    });
    assert.ok(view.ok);
    assert.equal(teamOf(view.draft, a.person), b.team);
    assert.equal(teamOf(view.draft, b.person), a.team);
  });

  it('refuses a swap that puts two colleagues together, and says so in words', () => {
    const { draft } = propose();
    const a = draft.assignment[0]!;
    const colleague = draft.assignment.find(
      (x) => x.person !== a.person && organisationOf.get(x.person) === organisationOf.get(a.person),
    )!;
    // Swap a's team-mate (not a colleague) with a's colleague: the colleague lands next to a.
    const mate = draft.assignment.find((x) => x.team === a.team && x.person !== a.person)!;
    const edited = applyFormationEdit(draft, { kind: 'swap', a: mate.person, b: colleague.person });
    assert.ok(edited.ok);
    const view = evaluateDraft(programme, participants, edited.draft, {
      lockAll: true,
      language: 'fr',
    });
    assert.equal(view.ok, false);
    assert.ok(
      !view.ok &&
        view.explanation.some((sentence) =>
          /Caf|Cpam|Carsat|Urssaf|Cnav|ARS|Centre|Onem|Cnaf/.test(sentence),
        ),
    );
  });

  it('refuses a move that makes a team too big', () => {
    const { draft } = propose();
    const bigTeam = [0, 1, 2, 3, 4, 5, 6].find(
      (t) => draft.assignment.filter((a) => a.team === t).length === draft.maxSize,
    )!;
    const person = draft.assignment.find((a) => a.team !== bigTeam)!;
    const edited = applyFormationEdit(draft, {
      kind: 'move',
      person: person.person,
      team: bigTeam,
    });
    assert.ok(edited.ok);
    const view = evaluateDraft(programme, participants, edited.draft, {
      lockAll: true,
      language: 'fr',
    });
    assert.equal(view.ok, false);
  });

  it('keeps a locked person in their team when regenerating with another seed', () => {
    const { draft } = propose();
    const person = draft.assignment[5]!;
    const locked = applyFormationEdit(draft, { kind: 'lock', person: person.person });
    assert.ok(locked.ok);
    for (const seed of [2, 3, 4]) {
      const view = evaluateDraft(
        programme,
        participants,
        { ...locked.draft, seed },
        { lockAll: false, language: 'fr' },
      );
      assert.ok(view.ok);
      assert.equal(teamOf(view.draft, person.person), person.team);
    }
  });

  it('refuses edits about unknown people or a team that does not exist', () => {
    const { draft } = propose();
    assert.deepEqual(applyFormationEdit(draft, { kind: 'lock', person: 'nobody' }), {
      ok: false,
      refusal: 'unknown-person',
    });
    assert.deepEqual(
      applyFormationEdit(draft, { kind: 'move', person: draft.assignment[0]!.person, team: 99 }),
      {
        ok: false,
        refusal: 'unknown-team',
      },
    );
  });

  it('turns a confirmed formation into numbered teams led by a manager', () => {
    const { result } = propose();
    const teams = toProgrammeTeams(programme, participants, result);
    assert.deepEqual(
      teams.map((t) => t.id),
      ['team-1', 'team-2', 'team-3', 'team-4', 'team-5', 'team-6', 'team-7'],
    );
    for (const team of teams) {
      assert.match(team.name, /^Équipe \d · /);
      assert.ok([...team.name].length <= 50);
      const lead = participants.find((p) => p.aadId === team.leadAadId)!;
      const hasManager = team.members.some(
        (m) => participants.find((p) => p.aadId === m.aadId)?.role === 'management',
      );
      assert.equal(lead.role === 'management', hasManager);
      assert.equal(team.facilitators.length, 2);
      assert.ok(team.facilitators.every((f) => f.name !== f.aadId));
    }
  });
});
