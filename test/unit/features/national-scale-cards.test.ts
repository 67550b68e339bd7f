import assert from 'node:assert/strict';
import type { CardContext } from '../../../src/adapters/teams/cards/card-context';
import {
  measureMessageBytes,
  MAX_CARD_BYTES,
  TEAMS_MESSAGE_LIMIT_BYTES,
} from '../../../src/adapters/teams/cards/card-size';
import type { AdaptiveCardJson } from '../../../src/adapters/teams/cards/render-card';
import type { Candidacy } from '../../../src/core/candidacies/candidacy';
import type { PlannedSend } from '../../../src/core/follow-up/planned-send';
import { BRANCHES, type Programme } from '../../../src/core/programmes/programme';
import { countCandidacies } from '../../../src/core/selection/count-candidacies';
import { buildCandidacyFormCard } from '../../../src/features/candidacies/candidacy-cards';
import {
  buildCalendarCard,
  buildHistoryCard,
} from '../../../src/features/follow-up/follow-up-cards';
import {
  buildFormationCard,
  TEAMS_PER_PAGE,
} from '../../../src/features/formation/formation-cards';
import type { FormationParticipant } from '../../../src/core/formation/formation-draft';
import { buildProgrammesCard } from '../../../src/features/help/help-cards';
import { buildListCard, buildOverviewCard } from '../../../src/features/selection/selection-cards';
import { createTranslator, type Language } from '../../../src/i18n/translate';
import { aDigestCandidacy } from '../../support/digest-fixtures';
import { createTestProgramme } from '../../support/candidacy-programme';

/** The national scale the issue names: 800 teams, 5,000 people, 300 organisations, 20,000 candidacies. */
const SCALE = { teams: 800, people: 5_000, organisations: 300, candidacies: 20_000 } as const;

const context = (language: Language): CardContext => ({ language, t: createTranslator(language) });

/** 300 organisations with long names, across every branch. */
export function nationalProgramme(): Programme {
  return createTestProgramme({
    id: 'defi-national',
    name: 'Défi national du Lab : transformation numérique et inclusion',
    seats: SCALE.people,
    maxPerOrganisation: 40,
    organisations: Array.from({ length: SCALE.organisations }, (_, index) => ({
      id: `org-${String(index + 1).padStart(3, '0')}`,
      name: `Caisse d’allocations familiales de la circonscription numéro ${index + 1}`,
      branch: BRANCHES[index % BRANCHES.length] ?? 'famille',
      region: 'Région',
      timezone: 'Europe/Paris',
      holidays: 'FR',
    })),
  });
}

/** 20,000 candidacies spread over the organisations. */
function nationalCandidacies(programme: Programme): Candidacy[] {
  return Array.from({ length: SCALE.candidacies }, (_, index) =>
    aDigestCandidacy(
      index + 1,
      programme.organisations[index % programme.organisations.length]!.id,
      index % 4 === 0 ? 'accepted' : 'submitted',
      {
        programmeId: programme.id,
        applicant: {
          aadId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
          name: `Marie-Christine Delacroix-Fontaine ${index + 1}`,
        },
      },
    ),
  );
}

/** Every send of a month for 800 teams: a check-in to each lead and a reminder. */
function nationalSends(programme: Programme): PlannedSend[] {
  return Array.from({ length: SCALE.teams * 2 }, (_, index) => ({
    key: `checkin:2026-11:${programme.id}/team-${index}/lead`,
    dueAt: new Date('2026-11-23T08:00:00Z'),
    expiresAt: new Date('2026-11-30T08:00:00Z'),
    kind: index % 2 === 0 ? 'checkin.card' : 'checkin.reminder',
    programmeId: programme.id,
    teamId: `team-${index >> 1}`,
    period: '2026-11',
    recipient: {
      kind: 'person',
      role: 'lead',
      aadId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      name: `Jean-Baptiste Lefebvre-Marchand ${index}`,
    },
    localDay: `2026-11-${String(23 + (index % 7)).padStart(2, '0')}`,
    localTime: '09:00',
    timeZone: 'Europe/Paris',
  }));
}

/** 5,000 people in 800 teams of six or seven, as the engine would form them. */
function nationalFormation(programme: Programme, page?: number) {
  const participants: FormationParticipant[] = Array.from({ length: SCALE.people }, (_, index) => ({
    aadId: `00000000-0000-4000-9000-${String(index).padStart(12, '0')}`,
    name: `Marie-Christine Delacroix-Fontaine ${index + 1}`,
    organisationId: programme.organisations[index % programme.organisations.length]!.id,
  }));
  const teams = Array.from({ length: SCALE.teams }, (_, team) => ({
    name: `Équipe ${team + 1} · Transformation numérique et inclusion`,
    score: 50 + ((team * 37) % 50),
    members: participants.filter((_, index) => index % SCALE.teams === team).map((p) => p.aadId),
    facilitators: [],
    explanation: [
      'Six organisations différentes, aucune deux fois : la règle des collègues séparés tient.',
      'Trois branches représentées ; la région Île-de-France est la plus présente.',
    ],
  }));
  return {
    programme,
    participants,
    draft: {
      programmeId: programme.id,
      seed: 1,
      teamCount: SCALE.teams,
      minSize: 6,
      maxSize: 7,
      userLocks: [],
      assignment: [],
      updatedAt: new Date('2026-05-01T08:00:00Z'),
      updatedBy: 'lab',
    },
    result: {
      teams: teams.map((team) => ({ ...team, theme: undefined })),
      worstScore: 50,
      meanScore: 74.5,
      hardViolations: 0,
      seed: 1,
    },
    teams,
    ...(page === undefined ? {} : { page }),
  };
}

/** The cards of every builder, filled with national-scale data. */
export function nationalCards(language: Language): [string, AdaptiveCardJson][] {
  const card = context(language);
  const programme = nationalProgramme();
  const candidacies = nationalCandidacies(programme);
  const teamNames = new Map(
    Array.from({ length: SCALE.teams }, (_, index) => [
      `${programme.id}/team-${index}`,
      `Équipe ${index + 1} · Transformation numérique et inclusion`,
    ]),
  );
  return [
    [
      'selection overview',
      buildOverviewCard(card, programme, countCandidacies(programme, candidacies), {
        canExport: true,
      }),
    ],
    [
      'selection list',
      buildListCard(
        card,
        programme,
        { items: candidacies.slice(0, 10), total: candidacies.length, page: 0, pageCount: 2_000 },
        {},
        { scores: [] },
      ),
    ],
    [
      'candidacy form',
      buildCandidacyFormCard(card, {
        programme,
        applicant: { aadId: '00000000-0000-4000-8000-000000000001', name: 'Camille Martin' },
        values: {},
      }),
    ],
    ['formation preview', buildFormationCard(card, nationalFormation(programme))],
    ['formation preview, last page', buildFormationCard(card, nationalFormation(programme, 99))],
    ['programmes', buildProgrammesCard(card, [programme], '2026-03-10')],
    ['calendar', buildCalendarCard(card, nationalSends(programme), teamNames)],
    [
      'history',
      buildHistoryCard(
        card,
        Array.from({ length: SCALE.teams }, (_, index) => ({
          heading: {
            programmeId: programme.id,
            programmeName: programme.name,
            teamId: `team-${index}`,
            teamNumber: index + 1,
            teamName: teamNames.get(`${programme.id}/team-${index}`)!,
          },
          answers: [],
          reviews: [],
        })),
      ),
    ],
  ];
}

describe('cards at national scale', () => {
  it('measures a message as Teams does, in UTF-16 code units of two bytes', () => {
    assert.equal(measureMessageBytes('abc'), 6);
    assert.equal(measureMessageBytes('é'), 2);
    assert.equal(measureMessageBytes({ a: 1 }), JSON.stringify({ a: 1 }).length * 2);
    assert.ok(MAX_CARD_BYTES < TEAMS_MESSAGE_LIMIT_BYTES);
  });

  for (const language of ['fr', 'en'] as const) {
    it(`keeps every card under 80 KB of UTF-16 with ${SCALE.teams} teams, ${SCALE.organisations} organisations and ${SCALE.candidacies} candidacies (${language})`, () => {
      for (const [name, card] of nationalCards(language)) {
        const bytes = measureMessageBytes(card);
        assert.ok(bytes <= MAX_CARD_BYTES, `${name}: ${bytes} bytes`);
      }
    });
  }

  it('pages the formation preview eight teams at a time, with pickers for those teams only', () => {
    const programme = nationalProgramme();
    const input = nationalFormation(programme, 1);
    const json = JSON.stringify(buildFormationCard(context('fr'), input));
    assert.match(json, /Équipes 9 à 16 sur 800 \(page 2 sur 100\)/);
    assert.match(json, /Équipe 9 · /);
    assert.doesNotMatch(json, /"text":"Équipe 8 · [^"]*— \d+\/100"/);
    assert.match(json, /Règles strictes respectées dans toutes les équipes/);
    assert.match(json, /"id":"search","label":"Trouver une personne \(nom ou partie du nom\)"/);
    assert.match(json, /"title":"Trouver la personne","verb":"formation.find"/);
    // Figures in the reader's language: a decimal comma in French.
    assert.match(json, /moyenne : 74,5\/100/);
    assert.match(json, /Équipes à regarder d’abord : Équipe \d+ · [^;]+ — 50\/100/);
    const previous =
      /"title":"Équipes précédentes","verb":"formation.page","data":\{"verb":"formation.page","programmeId":"defi-national","page":0\}/;
    assert.match(json, previous);
    assert.match(
      json,
      /"title":"Équipes suivantes","verb":"formation.page","data":\{[^}]*"page":2\}/,
    );
    const people = input.teams.slice(8, 16).flatMap((team) => team.members);
    const pickable = [...json.matchAll(/"value":"(00000000-0000-4000-9000-\d{12})"/g)].map(
      (m) => m[1],
    );
    assert.equal(new Set(pickable).size, people.length);
    assert.ok(pickable.every((id) => people.includes(id!)));
    assert.match(json, /"title":"Équipe 9 · [^"]*","value":"8"/);
    assert.equal(TEAMS_PER_PAGE, 8);
  });

  it('shows the last page for a page past the end, with no next button', () => {
    const json = JSON.stringify(
      buildFormationCard(context('en'), nationalFormation(nationalProgramme(), 5_000)),
    );
    assert.match(json, /Teams 793 to 800 of 800 \(page 100 of 100\)/);
    assert.match(json, /mean: 74\.5\/100/);
    assert.match(json, /Previous teams/);
    assert.doesNotMatch(json, /Next teams/);
  });

  it('pages the calendar sixty sends at a time, with the verb and page to reach the others', () => {
    const programme = nationalProgramme();
    const sends = nationalSends(programme);
    const json = JSON.stringify(buildCalendarCard(context('fr'), sends, new Map(), 1));
    assert.match(json, /Envois 61 à 120 sur 1600 \(page 2 sur 27\)/);
    assert.match(json, /Lefebvre-Marchand 60\b/);
    assert.doesNotMatch(json, /Lefebvre-Marchand 59\b/);
    assert.match(
      json,
      /"title":"Envois précédents","verb":"checkin.calendar","style":"default","data":\{"page":0,/,
    );
    assert.match(
      json,
      /"title":"Envois suivants","verb":"checkin.calendar","style":"default","data":\{"page":2,/,
    );
    const last = JSON.stringify(buildCalendarCard(context('en'), sends, new Map(), 99));
    assert.match(last, /Sends 1561 to 1600 of 1600 \(page 27 of 27\)/);
    assert.doesNotMatch(last, /Next sends/);
  });
});
