/** A person the bot can reach in Teams. */
export interface DirectoryEntry {
  aadId: string;
  name: string;
}

/** Finds people by email, e.g. the line manager a candidate names on the form. */
export interface Directory {
  /** The person with this email (case-insensitive), or undefined when not known (yet). */
  findByEmail(email: string): Promise<DirectoryEntry | undefined>;
}
