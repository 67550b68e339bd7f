/** National-scale data and the cards it fills, shared by the size and action tests. */
import type { CardContext } from '../../src/adapters/teams/cards/card-context';
import type { AdaptiveCardJson } from '../../src/adapters/teams/cards/render-card';
import type { Candidacy } from '../../src/core/candidacies/candidacy';
import type { PlannedSend } from '../../src/core/follow-up/planned-send';
import { BRANCHES, type Programme } from '../../src/core/programmes/programme';
import { CANDIDACY_PAGE_SIZE } from '../../src/core/selection/list-candidacies';
import { countCandidacies } from '../../src/core/selection/count-candidacies';
import { buildCandidacyFormCard } from '../../src/features/candidacies/candidacy-cards';
import { buildCalendarCard, buildHistoryCard } from '../../src/features/follow-up/follow-up-cards';
import { buildFormationCard } from '../../src/features/formation/formation-cards';
import type { FormationParticipant } from '../../src/core/formation/formation-draft';
import { buildProgrammesCard } from '../../src/features/help/help-cards';
import { buildListCard, buildOverviewCard } from '../../src/features/selection/selection-cards';
import { createTranslator, type Language } from '../../src/i18n/translate';
import { aDigestCandidacy } from './digest-fixtures';
import { createTestProgramme } from './candidacy-programme';

/** The national scale the issue names: 800 teams, 5,000 people, 300 organisations, 20,000 candidacies. */
export const SCALE = {
  teams: 800,
  people: 5_000,
  organisations: 300,
  candidacies: 20_000,
} as const;

export const context = (language: Language): CardContext => ({
  language,
  t: createTranslator(language),
});

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
export function nationalCandidacies(programme: Programme): Candidacy[] {
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
export function nationalSends(programme: Programme): PlannedSend[] {
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
export function nationalFormation(programme: Programme, page?: number) {
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
        {
          items: candidacies.slice(0, CANDIDACY_PAGE_SIZE),
          total: candidacies.length,
          page: 0,
          pageCount: Math.ceil(candidacies.length / CANDIDACY_PAGE_SIZE),
        },
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
