import { sql, type Kysely } from 'kysely';
import type { Role } from '../../core/people/role';
import { reusableQuery } from './reusable-query';
import type { Database } from './schema';

/** What a row of either index says, as the role it gives. */
const ROLE_OF: Readonly<Record<string, Role>> = {
  committee: 'committee',
  programmeLab: 'programmeLab',
  lead: 'lead',
  member: 'participant',
  facilitator: 'facilitator',
};

/**
 * The roles programmes give a person, in one indexed read: the programme files' committees and
 * Lab teams (`programme_people`, Entra ids in lower case, so any case matches) and their places in
 * formed teams (`programme_team_people`, as stored). The same answer as `listProgrammeRoles`,
 * which reads and parses every programme and every team of the person (a contract test compares
 * them); a turn asks it for every verb and command guarded by a programme role.
 */
export class SqlProgrammeRoles {
  constructor(private readonly db: Kysely<Database>) {}

  private readonly query = reusableQuery(
    () => this.db,
    2,
    (lowerId: string, aadId: string) =>
      this.db
        .selectFrom('programme_people')
        .select(sql<string>`role`.as('role'))
        .where('aad_id', '=', lowerId)
        .union(
          this.db
            .selectFrom('programme_team_people')
            .select(sql<string>`role`.as('role'))
            .where('aad_id', '=', aadId),
        ),
  );

  async rolesOf(aadId: string): Promise<Role[]> {
    const { rows } = await this.query(aadId.toLowerCase(), aadId);
    const roles = new Set<Role>();
    for (const row of rows) {
      const role = ROLE_OF[row.role];
      if (role !== undefined) roles.add(role);
    }
    return [...roles];
  }
}
