import type { Candidacy } from '../candidacies/candidacy';
import { getOrganisationName, type Programme } from '../programmes/programme';
import type { Score } from '../ports/score-store';
import { getCriteria } from './committee';

/** A cell of an export: text, a number, a yes/no, or empty. */
export type ExportCell = string | number | boolean | null;

/**
 * One sheet of an export. A column has an id (the adapter names it through the `export.column.<id>`
 * messages) or, for a scoring criterion, the programme's own label.
 */
export interface ExportTable {
  columns: { id: string; label?: string }[];
  rows: ExportCell[][];
}

/** The two sheets of an export: candidacies, and the committee's scores. */
export interface ExportTables {
  candidacies: ExportTable;
  scores: ExportTable;
}

const CANDIDACY_COLUMNS = [
  'id',
  'status',
  'applicant',
  'organisation',
  'branch',
  'submittedAt',
  'jobRole',
  'region',
  'managerEmail',
  'endorsement',
  'endorsementComment',
  'motivation',
  'themeWishes',
  'teamName',
  'teamSize',
  'members',
  'projectIdea',
  'sponsor',
  'availableForKickOff',
  'availableForHackathon',
  'confirmBy',
  'scoreCount',
  'averageScore',
] as const;

/** Builds the export's sheets from the programme's candidacies and scores (plain values only). */
export function buildExportTables(
  programme: Programme,
  candidacies: readonly Candidacy[],
  scores: readonly Score[],
): ExportTables {
  const criteria = getCriteria(programme);
  const branchOf = new Map(programme.organisations.map((o) => [o.id, o.branch]));
  const themeLabel = new Map(programme.themeOptions.map((t) => [t.id, t.label]));
  const memberName = new Map(
    (programme.committee ?? []).map((m) => [m.aadId.toLowerCase(), m.name]),
  );
  const byCandidacy = new Map<string, Score[]>();
  for (const score of scores) {
    byCandidacy.set(score.candidacyId, [...(byCandidacy.get(score.candidacyId) ?? []), score]);
  }
  const applicantOf = new Map(candidacies.map((c) => [c.id, c.applicant.name]));

  const candidacyRows = candidacies.map((c): ExportCell[] => {
    const own = byCandidacy.get(c.id) ?? [];
    const values = own.flatMap((s) => Object.values(s.values));
    const average =
      values.length === 0
        ? null
        : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
    const individual = c.answers.mode === 'individual' ? c.answers : undefined;
    const team = c.answers.mode === 'team' ? c.answers : undefined;
    const row: Record<(typeof CANDIDACY_COLUMNS)[number], ExportCell> = {
      id: c.id,
      status: c.status,
      applicant: c.applicant.name,
      organisation: getOrganisationName(programme, c.organisationId),
      branch: branchOf.get(c.organisationId) ?? null,
      submittedAt: c.submittedAt.toISOString(),
      jobRole: individual?.jobRole ?? null,
      region: individual?.region ?? null,
      managerEmail: individual?.managerEmail ?? null,
      endorsement: c.endorsement?.status ?? null,
      endorsementComment: c.endorsement?.comment ?? null,
      motivation: individual?.motivation ?? null,
      themeWishes:
        individual?.themeWishes.map((id) => themeLabel.get(id) ?? id).join(' > ') ?? null,
      teamName: team?.teamName ?? null,
      teamSize: c.seatCount,
      members: team?.members.map((m) => (m.kind === 'user' ? m.aadId : m.email)).join(', ') ?? null,
      projectIdea: team?.projectIdea ?? null,
      sponsor: team?.sponsor ?? null,
      availableForKickOff: c.answers.availableForKickOff,
      availableForHackathon: c.answers.availableForHackathon,
      confirmBy: c.confirmBy,
      scoreCount: own.length,
      averageScore: average,
    };
    return CANDIDACY_COLUMNS.map((column) => row[column]);
  });

  const scoreRows = scores
    .filter((s) => applicantOf.has(s.candidacyId))
    .map((s): ExportCell[] => [
      s.candidacyId,
      applicantOf.get(s.candidacyId) ?? null,
      memberName.get(s.memberAadId.toLowerCase()) ?? s.memberAadId,
      ...criteria.map((criterion) => s.values[criterion.id] ?? null),
      s.comment,
      s.scoredAt.toISOString(),
    ]);

  return {
    candidacies: { columns: CANDIDACY_COLUMNS.map((id) => ({ id })), rows: candidacyRows },
    scores: {
      columns: [
        { id: 'candidacyId' },
        { id: 'applicant' },
        { id: 'member' },
        ...criteria.map((criterion) => ({
          id: `criterion.${criterion.id}`,
          label: criterion.label,
        })),
        { id: 'comment' },
        { id: 'scoredAt' },
      ],
      rows: scoreRows,
    },
  };
}
