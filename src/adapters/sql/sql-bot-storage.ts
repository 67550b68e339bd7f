import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Kysely, Transaction } from 'kysely';
import { reusableQuery } from './reusable-query';
import type { Database } from './schema';

/**
 * Longest storage key accepted, in UTF-8 bytes. Azure Blob storage, the most permissive of
 * botbuilder's own storages, caps names at 1024 characters; teams-ai keys
 * (`msteams/<bot id>/conversations/<conversation id>`) stay far below, and the cap keeps each key
 * under PostgreSQL's b-tree entry limit (about 2.7 kB).
 */
export const MAX_STORAGE_KEY_BYTES = 1024;

/**
 * botbuilder `Storage` for teams-ai turn state, in the SQL database, with the semantics of
 * botbuilder's MemoryStorage: a write whose eTag is missing or `*` overwrites, a write whose eTag
 * is stale throws "eTag conflict", and every write stores a new eTag.
 */
export class SqlBotStorage implements Storage {
  constructor(private readonly db: Kysely<Database>) {}

  /** A turn reads one or two keys (the conversation's state, the user's): compiled once each. */
  private readonly readOne = reusableQuery(
    () => this.db,
    1,
    (key: string) =>
      this.db.selectFrom('bot_state').select(['key', 'value', 'etag']).where('key', '=', key),
  );

  private readonly readTwo = reusableQuery(
    () => this.db,
    2,
    (first: string, second: string) =>
      this.db
        .selectFrom('bot_state')
        .select(['key', 'value', 'etag'])
        .where((eb) => eb.or([eb('key', '=', first), eb('key', '=', second)])),
  );

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    keys.forEach(checkKey);
    const distinct = [...new Set(keys)];
    const [first, second] = distinct;
    const rows =
      distinct.length === 1
        ? (await this.readOne(first!)).rows
        : distinct.length === 2
          ? (await this.readTwo(first!, second!)).rows
          : await this.db
              .selectFrom('bot_state')
              .select(['key', 'value', 'etag'])
              .where('key', 'in', distinct)
              .execute();
    for (const row of rows) {
      items[row.key] = { ...(JSON.parse(row.value) as object), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    // Sorted so that two multi-key writes lock rows in the same order and cannot deadlock.
    const keys = Object.keys(changes).sort();
    if (keys.length === 0) return;
    const writes = keys.map((key) => toWrite(key, changes[key]));
    const updatedAt = new Date().toISOString();
    // One transaction: either every item of the batch is stored or none is.
    await this.db.transaction().execute(async (trx) => {
      for (const write of writes) await writeOne(trx, write, updatedAt);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    keys.forEach(checkKey);
    await this.db
      .deleteFrom('bot_state')
      .where('key', 'in', [...new Set(keys)])
      .execute();
  }
}

interface PendingWrite {
  key: string;
  value: string;
  /** The eTag the caller read, or undefined to overwrite unconditionally. */
  expectedETag: string | undefined;
}

function toWrite(key: string, item: unknown): PendingWrite {
  checkKey(key);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new TypeError('Storage items must be plain objects');
  }
  const { eTag, ...rest } = item as { eTag?: unknown };
  const expectedETag = typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? eTag : undefined;
  return { key, value: JSON.stringify(rest), expectedETag };
}

async function writeOne(
  trx: Transaction<Database>,
  write: PendingWrite,
  updatedAt: string,
): Promise<void> {
  const row = { key: write.key, value: write.value, etag: randomUUID(), updated_at: updatedAt };
  const { key: _key, ...replacement } = row;
  if (write.expectedETag === undefined) {
    await trx
      .insertInto('bot_state')
      .values(row)
      .onConflict((conflict) => conflict.column('key').doUpdateSet(replacement))
      .execute();
    return;
  }
  // The eTag comparison happens inside the UPDATE, so a concurrent writer with the same eTag
  // cannot also succeed: the database serialises the two and only one row update matches.
  const updated = await trx
    .updateTable('bot_state')
    .set(replacement)
    .where('key', '=', write.key)
    .where('etag', '=', write.expectedETag)
    .executeTakeFirst();
  if (updated.numUpdatedRows > 0n) return;
  // Like MemoryStorage, an eTag for a key that does not exist yet still creates it.
  const inserted = await trx
    .insertInto('bot_state')
    .values(row)
    .onConflict((conflict) => conflict.column('key').doNothing())
    .executeTakeFirst();
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return;
  // The key is left out of the message: it holds Teams user and conversation ids.
  throw new Error('Storage: eTag conflict, the item changed since it was read');
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key === '') {
    throw new TypeError('Storage keys must be non-empty strings');
  }
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_STORAGE_KEY_BYTES) {
    throw new RangeError(
      `Storage key is ${bytes} bytes long; at most ${MAX_STORAGE_KEY_BYTES} are accepted`,
    );
  }
}
