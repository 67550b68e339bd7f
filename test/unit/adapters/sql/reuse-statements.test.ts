import assert from 'node:assert/strict';
import SqliteDatabase from 'better-sqlite3';
import { reuseStatements } from '../../../../src/adapters/sql/reuse-statements';

describe('reuseStatements', () => {
  let raw: SqliteDatabase.Database;

  beforeEach(() => {
    raw = new SqliteDatabase(':memory:');
    raw.exec('create table t (n integer)');
  });

  afterEach(() => {
    if (raw.open) raw.close();
  });

  it('prepares a SQL text once and runs its statement again with new parameters', () => {
    const database = reuseStatements(raw);
    const insert = database.prepare('insert into t (n) values (?)');
    assert.equal(database.prepare('insert into t (n) values (?)'), insert);
    insert.run([1]);
    database.prepare('insert into t (n) values (?)').run([2]);
    const rows = database.prepare('select n from t order by n').all([]);
    assert.deepEqual(rows, [{ n: 1 }, { n: 2 }]);
  });

  it('drops the least recently used statement past its capacity', () => {
    const database = reuseStatements(raw, 2);
    const a = database.prepare('select 1');
    const b = database.prepare('select 2');
    assert.equal(database.prepare('select 1'), a); // a used last: b is the oldest now
    database.prepare('select 3');
    assert.equal(database.prepare('select 1'), a);
    assert.notEqual(database.prepare('select 2'), b);
  });

  it('closes the database', () => {
    reuseStatements(raw).close();
    assert.equal(raw.open, false);
  });
});
