import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry } from '../../core/ports/audit-log';
import type { Score, ScoreStore } from '../../core/ports/score-store';
import type { CandidacyScoresTable, Database } from './schema';
import { appendAuditRow } from './audit-chain';

/** Committee scores in SQL, one row per member and candidacy. */
export class SqlScoreStore implements ScoreStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(score: Score, audit: AuditEntry): Promise<void> {
    const changes = {
      programme_id: score.programmeId,
      score_values: JSON.stringify(score.values),
      comment: score.comment,
      scored_at: score.scoredAt.toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('candidacy_scores')
        .values({ candidacy_id: score.candidacyId, member_aad_id: score.memberAadId, ...changes })
        .onConflict((oc) => oc.columns(['candidacy_id', 'member_aad_id']).doUpdateSet(changes))
        .execute();
      await appendAuditRow(trx, audit);
    });
  }

  async listForProgramme(programmeId: string): Promise<Score[]> {
    const rows = await this.db
      .selectFrom('candidacy_scores')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('scored_at')
      .execute();
    return rows.map(toScore);
  }

  async listForCandidacy(candidacyId: string): Promise<Score[]> {
    const rows = await this.db
      .selectFrom('candidacy_scores')
      .selectAll()
      .where('candidacy_id', '=', candidacyId)
      .orderBy('scored_at')
      .execute();
    return rows.map(toScore);
  }
}

function toScore(row: Selectable<CandidacyScoresTable>): Score {
  return {
    programmeId: row.programme_id,
    candidacyId: row.candidacy_id,
    memberAadId: row.member_aad_id,
    values: JSON.parse(row.score_values) as Record<string, number>,
    comment: row.comment,
    scoredAt: new Date(row.scored_at),
  };
}
