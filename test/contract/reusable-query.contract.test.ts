import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { reusableQuery } from '../../src/adapters/sql/reusable-query';
import { testDatabases } from './test-databases';

for (const target of testDatabases()) {
  describe(`a query compiled once, run with new values (${target.name})`, () => {
    let database: DatabaseHandle | undefined;

    beforeEach(async () => {
      database = await target.open();
      const { db } = database;
      for (const [key, value] of [
        ['a', 'première'],
        ['b', "l'autre"],
        ['c', '?'],
      ]) {
        await db
          .insertInto('bot_state')
          .values({ key: key!, value: value!, etag: `etag-${key}`, updated_at: '2026-12-04' })
          .execute();
      }
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('gives each run its own values, and the same rows as the query built each time', async () => {
      const { db } = database!;
      const statements: string[] = [];
      const byKeys = reusableQuery(
        () => ({
          executeQuery: (query) => {
            statements.push(query.sql);
            return db.executeQuery(query);
          },
        }),
        2,
        (first: string, second: string) =>
          db
            .selectFrom('bot_state')
            .select(['key', 'value'])
            .where((eb) => eb.or([eb('key', '=', first), eb('key', '=', second)]))
            .where('etag', '!=', 'never')
            .orderBy('key'),
      );
      for (const [first, second] of [
        ['a', 'b'],
        ['c', 'a'],
        ['b', 'z'],
        ["' or 1=1 --", 'z'],
      ] as const) {
        const reused = (await byKeys(first, second)).rows;
        const built = await db
          .selectFrom('bot_state')
          .select(['key', 'value'])
          .where((eb) => eb.or([eb('key', '=', first), eb('key', '=', second)]))
          .where('etag', '!=', 'never')
          .orderBy('key')
          .execute();
        assert.deepEqual(reused, built, `${first}, ${second}`);
      }
      assert.deepEqual(
        (await byKeys('a', 'c')).rows.map((row) => row.value),
        ['première', '?'],
      );
      // One SQL text for every run: compiled once, the constant ('never') kept in its place.
      assert.equal(new Set(statements).size, 1);
    });

    it('reports the rows a write changed, for compare-and-set', async () => {
      const { db } = database!;
      const setValue = reusableQuery(
        () => db,
        3,
        (key: string, value: string, etag: string) =>
          db
            .updateTable('bot_state')
            .set({ value })
            .where('key', '=', key)
            .where('etag', '=', etag),
      );
      assert.equal(Number((await setValue('a', 'changée', 'etag-a')).numAffectedRows), 1);
      assert.equal(Number((await setValue('a', 'encore', 'stale')).numAffectedRows), 0);
      const row = await db
        .selectFrom('bot_state')
        .select('value')
        .where('key', '=', 'a')
        .executeTakeFirstOrThrow();
      assert.equal(row.value, 'changée');
    });

    it('refuses a query that does not take a parameter as a value', async () => {
      const { db } = database!;
      const unused = reusableQuery(
        () => db,
        2,
        (key: string, _ignored: string) =>
          db.selectFrom('bot_state').select('key').where('key', '=', key),
      );
      await assert.rejects(async () => unused('a', 'b'), /parameter 1 is not used as a value/);
    });
  });
}
