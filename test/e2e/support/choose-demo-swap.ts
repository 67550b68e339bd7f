import { applyFormationEdit } from '../../../src/core/formation/edit-formation';
import { evaluateDraft, proposeFormation } from '../../../src/core/formation/propose-formation';
import type { FormedTeam } from '../../../src/core/team-formation/team-formation';
import { toChannelName } from '../../../src/core/team-channels/to-channel-name';
import { createDemoParticipants } from '../../../src/demo/demo-people';
import { DEMO_PROGRAMME } from '../../../src/demo/seed-demo-programme';

/** A team as the bot names it (its channel or thread name) and the names of its members. */
export interface DemoTeam {
  /** E.g. "Équipe 3 · Recruter et intégrer". */
  name: string;
  members: string[];
}

/** Two people of different teams whose swap the engine accepts, and the teams after the swap. */
export interface DemoSwap {
  /** A member of team 1. */
  a: string;
  /** A member of another team. */
  b: string;
  /** `a` and `b` as the card's pickers show them: "Name — Organisation". */
  aOption: string;
  bOption: string;
  /** The teams the bot proposes first (as its preview card lists them), team 1 first. */
  teamsBefore: DemoTeam[];
  /** The teams once `a` and `b` are swapped. */
  teamsAfter: DemoTeam[];
}

/**
 * Picks a swap the bot will accept on its first proposal of the demo programme ("former les
 * équipes" proposes seed 1): the first member of team 1 and the first person of another team
 * such that the engine, with everyone locked as the bot checks an edit, still finds the teams
 * feasible (nobody next to a colleague of their own organisation). Computed with the same core
 * functions as the bot, so a change in the engine or the demo data cannot make the test pick a
 * refused pair. Both names must be unique, since the card's lists show names only.
 */
export function chooseDemoSwap(): DemoSwap {
  const participants = createDemoParticipants(
    DEMO_PROGRAMME.organisations,
    DEMO_PROGRAMME.themeOptions.map((theme) => theme.id),
  );
  const proposal = proposeFormation(DEMO_PROGRAMME, participants, {
    seed: 1,
    userLocks: [],
    now: new Date(),
    by: '',
    language: 'fr',
  });
  if (!proposal.ok) throw new Error(`no demo proposal: ${proposal.explanation.join(' ')}`);
  const { draft } = proposal;
  const themeLabel = new Map(DEMO_PROGRAMME.themeOptions.map((o) => [o.id, o.label]));
  const nameOf = new Map(participants.map((p) => [p.aadId, p.name]));
  const organisationName = new Map(DEMO_PROGRAMME.organisations.map((o) => [o.id, o.name]));
  const optionOf = (id: string): string => {
    const person = participants.find((p) => p.aadId === id)!;
    return `${person.name} — ${organisationName.get(person.organisationId) ?? ''}`;
  };
  // Named as the bot names them (the theme of a team may follow its new members after a swap).
  const toTeams = (teams: readonly FormedTeam[]): DemoTeam[] =>
    teams.map((team, index) => ({
      name: toChannelName(
        index + 1,
        team.theme === undefined ? undefined : themeLabel.get(team.theme),
      ),
      members: team.members.map((id) => nameOf.get(id) ?? id),
    }));
  const nameCount = new Map<string, number>();
  for (const p of participants) nameCount.set(p.name, (nameCount.get(p.name) ?? 0) + 1);
  const hasUniqueName = (id: string): boolean => nameCount.get(nameOf.get(id) ?? '') === 1;

  const firstTeam = draft.assignment.filter((x) => x.team === 0 && hasUniqueName(x.person));
  for (const a of firstTeam) {
    for (const b of draft.assignment) {
      if (b.team === a.team || !hasUniqueName(b.person)) continue;
      const edited = applyFormationEdit(draft, { kind: 'swap', a: a.person, b: b.person });
      if (!edited.ok) continue;
      const view = evaluateDraft(DEMO_PROGRAMME, participants, edited.draft, {
        lockAll: true,
        language: 'fr',
      });
      if (view.ok) {
        return {
          a: nameOf.get(a.person)!,
          b: nameOf.get(b.person)!,
          aOption: optionOf(a.person),
          bOption: optionOf(b.person),
          teamsBefore: toTeams(proposal.result.teams),
          teamsAfter: toTeams(view.result.teams),
        };
      }
    }
  }
  throw new Error('no swap of the demo proposal keeps the teams feasible');
}
