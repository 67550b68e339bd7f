import type {
  PersonalDataCategory,
  RetentionDurations,
} from '../personal-data/personal-data-register';
import type { AuditEntry } from './audit-log';

/** A person as the stores know them: their Entra id, and their e-mail and name when known. */
export interface PersonRef {
  aadId: string;
  email: string | null;
  name: string | null;
}

/** What replaces a person everywhere on erasure; stable, so their rows still go together. */
export interface Pseudonym {
  /** Stands for the Entra id: `pseudonym-` and 16 hex digits. */
  aadId: string;
  /** "Personne 7f3a": what cards and exports show instead of the name. */
  name: string;
  /** An address in the reserved .invalid domain, never deliverable. */
  email: string;
}

/** One stored row, column by column, as the database holds it (JSON columns as text). */
export type PersonalDataRow = Record<string, string | number | null>;

/** Everything held about one person: by category, then by table, the rows. */
export type PersonalDataSnapshot = Record<PersonalDataCategory, Record<string, PersonalDataRow[]>>;

/** How many rows each table lost (deleted) or had rewritten (pseudonymised) in an erasure. */
export interface ErasureCounts {
  deleted: Record<string, number>;
  pseudonymised: Record<string, number>;
}

/** Reading and erasing one person's data across every table of the register. */
export interface PersonalDataStore {
  /** The person by Entra id or e-mail (case-insensitive); undefined when the bot holds nothing. */
  findPerson(idOrEmail: string): Promise<PersonRef | undefined>;
  /**
   * Every row about the person that is theirs to take away. Documents that mix several people
   * (a programme file, a formation) are left out: the person's part of them is in other tables.
   */
  collect(person: PersonRef): Promise<PersonalDataSnapshot>;
  /**
   * In one transaction: deletes what is not needed any more, replaces the person's id, name and
   * e-mail by the pseudonym everywhere else, empties the texts they wrote or that were written
   * about them, cancels messages still pending to them, and appends the audit entry.
   */
  erase(person: PersonRef, pseudonym: Pseudonym, audit: AuditEntry): Promise<ErasureCounts>;
  /**
   * Applies the retention rules that need no programme dates, as of `now`: export tokens,
   * sent messages' card payloads, references of uninstalled conversations. Returns the rows
   * changed per table; running it again the same day changes nothing.
   */
  purgeExpired(now: Date, durations: RetentionDurations): Promise<Record<string, number>>;
  /**
   * Applies a programme's due retention rules: drafts deleted; candidacies not selected deleted
   * with their scores, comments, endorsements and decisions; selected participants' ids, names
   * and texts replaced within the programme by their pseudonyms. Returns the rows changed per
   * table; already purged rows are not counted again.
   */
  purgeProgramme(
    programmeId: string,
    rules: { drafts: boolean; unselected: boolean; participants: boolean },
    pseudonymOf: (aadId: string) => Pseudonym,
  ): Promise<Record<string, number>>;
}
