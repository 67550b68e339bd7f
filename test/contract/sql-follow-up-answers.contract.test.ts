import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { SqlCheckinStore } from '../../src/adapters/sql/sql-checkin-store';
import { SqlFollowUpAnswers } from '../../src/adapters/sql/sql-follow-up-answers';
import { SqlReviewStore } from '../../src/adapters/sql/sql-review-store';
import { DIGEST_CHECKINS, DIGEST_REVIEWS } from '../support/digest-fixtures';
import { testDatabases } from './test-databases';

for (const target of testDatabases()) {
  describe(`SQL follow-up answers (${target.name})`, () => {
    let database: DatabaseHandle | undefined;

    beforeEach(async () => {
      database = await target.open();
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('reads back every check-in of a programme as saved, by team then month', async () => {
      const checkins = new SqlCheckinStore(database!.db);
      for (const answer of DIGEST_CHECKINS) await checkins.save(answer);
      const listed = await new SqlFollowUpAnswers(database!.db).listCheckins('defi-digest');
      const expected = DIGEST_CHECKINS.filter((a) => a.programmeId === 'defi-digest').sort(
        (a, b) => a.teamId.localeCompare(b.teamId) || a.month.localeCompare(b.month),
      );
      assert.deepEqual(listed, expected);
    });

    it('reads back every review answer of a programme, December first, preparation first', async () => {
      const reviews = new SqlReviewStore(database!.db);
      for (const answer of [...DIGEST_REVIEWS].reverse()) await reviews.save(answer);
      await reviews.save({ ...DIGEST_REVIEWS[0]!, programmeId: 'defi-other' });
      const listed = await new SqlFollowUpAnswers(database!.db).listReviews('defi-digest');
      assert.deepEqual(listed, DIGEST_REVIEWS);
    });
  });
}
