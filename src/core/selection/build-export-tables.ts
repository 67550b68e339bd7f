import type { Candidacy, TeamMember } from '../candidacies/candidacy';
import {
  CANDIDACY_FORM,
  listFormFields,
  readAnswer,
  type FormField,
} from '../candidacies/candidacy-form';
import { getOrganisationName, type Programme } from '../programmes/programme';
import type { Score } from '../ports/score-store';
import { getCriteria } from './committee';

/** A cell of an export: text, a number, a yes/no, or empty. */
export type ExportCell = string | number | boolean | null;

/**
 * One sheet of an export. A column has an id (the adapter names it through the `export.column.<id>`
 * messages, or like the candidacy form's field of that id)
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

/** Columns of the candidacy itself, before and after the form's exported fields. */
const LEADING_COLUMNS = ['id', 'status', 'applicant', 'organisation', 'branch', 'submittedAt'];
const TRAILING_COLUMNS = [
  'endorsement',
  'endorsementComment',
  'teamSize',
  'confirmBy',
  'scoreCount',
  'averageScore',
];

/** Builds the export's sheets from the programme's candidacies and scores (plain values only). */
export function buildExportTables(
  programme: Programme,
  candidacies: readonly Candidacy[],
  scores: readonly Score[],
  form: readonly FormField[] = CANDIDACY_FORM,
): ExportTables {
  // Every exported field of the programme's form, each a column named by its field.
  const fields = listFormFields(programme.intakeMode, form).filter((field) => field.exported);
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
    const leading: Record<string, ExportCell> = {
      id: c.id,
      status: c.status,
      applicant: c.applicant.name,
      organisation: getOrganisationName(programme, c.organisationId),
      branch: branchOf.get(c.organisationId) ?? null,
      submittedAt: c.submittedAt.toISOString(),
    };
    const trailing: Record<string, ExportCell> = {
      endorsement: c.endorsement?.status ?? null,
      endorsementComment: c.endorsement?.comment ?? null,
      teamSize: c.seatCount,
      confirmBy: c.confirmBy,
      scoreCount: own.length,
      averageScore: average,
    };
    return [
      ...LEADING_COLUMNS.map((column) => leading[column] ?? null),
      ...fields.map((field) => toCell(field, readAnswer(c.answers, field.id), themeLabel)),
      ...TRAILING_COLUMNS.map((column) => trailing[column] ?? null),
    ];
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
    candidacies: {
      columns: [
        ...LEADING_COLUMNS.map((id) => ({ id })),
        ...fields.map((field) => ({ id: field.id })),
        ...TRAILING_COLUMNS.map((id) => ({ id })),
      ],
      rows: candidacyRows,
    },
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

/** A form answer as a cell: text and yes/no as they are, lists joined, themes by their labels. */
function toCell(
  field: FormField,
  answer: ReturnType<typeof readAnswer>,
  themeLabel: ReadonlyMap<string, string>,
): ExportCell {
  if (answer === undefined || answer === null) return null;
  if (typeof answer === 'string' || typeof answer === 'boolean') return answer;
  if (field.kind === 'themeWishes') {
    return (answer as readonly string[]).map((id) => themeLabel.get(id) ?? id).join(' > ');
  }
  return (answer as readonly TeamMember[])
    .map((m) => (m.kind === 'user' ? m.aadId : m.email))
    .join(', ');
}
