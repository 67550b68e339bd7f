import { SEAT_HOLDING_STATUSES, type Candidacy } from '../candidacies/candidacy';
import type { CandidacyStore } from '../ports/candidacy-store';
import type { ProgrammeTeam, TeamPerson } from '../programmes/programme-team';
import type { Programme } from '../programmes/programme';
import type { FormationParticipant } from './formation-draft';

/** Candidacies that hold a seat (accepted or confirmed), in submission order. */
async function listSeatHolders(store: CandidacyStore, programmeId: string): Promise<Candidacy[]> {
  return (await store.list(programmeId)).filter((c) => SEAT_HOLDING_STATUSES.includes(c.status));
}

/** The people to mix into teams (individual intake): everyone holding a seat. */
export async function listParticipants(
  store: CandidacyStore,
  programme: Programme,
): Promise<FormationParticipant[]> {
  return (await listSeatHolders(store, programme.id)).flatMap((c): FormationParticipant[] =>
    c.answers.mode === 'individual'
      ? [
          {
            aadId: c.applicant.aadId,
            name: c.applicant.name,
            organisationId: c.organisationId,
            role: c.answers.jobRole,
            region: c.answers.region,
            themes: c.answers.themeWishes,
          },
        ]
      : [],
  );
}

/**
 * Team intake skips the engine: each applying team holding a seat becomes a programme team, led
 * by its referent. Members known only by email keep the email as their id and name until they
 * join Teams; members picked in Teams are named as the bot knows them (`namesOf`, keyed by
 * lowercased Entra id), else left unnamed (''): an Entra id is never shown as a name.
 */
export async function listApplyingTeams(
  store: CandidacyStore,
  programme: Programme,
  namesOf: (aadIds: readonly string[]) => Promise<ReadonlyMap<string, string>> = () =>
    Promise.resolve(new Map()),
): Promise<Omit<ProgrammeTeam, 'facilitators'>[]> {
  const seatHolders = (await listSeatHolders(store, programme.id)).filter(
    (c) => c.answers.mode === 'team',
  );
  const names = await namesOf(
    seatHolders.flatMap((c) =>
      c.answers.mode === 'team'
        ? c.answers.members.flatMap((m) => (m.kind === 'user' ? [m.aadId] : []))
        : [],
    ),
  );
  return seatHolders.map((c, index) => {
    const answers = c.answers.mode === 'team' ? c.answers : undefined;
    const referent: TeamPerson = {
      aadId: c.applicant.aadId,
      name: c.applicant.name,
      organisationId: c.organisationId,
    };
    const others: TeamPerson[] = (answers?.members ?? [])
      .map((m) =>
        m.kind === 'user'
          ? { id: m.aadId, name: names.get(m.aadId.toLowerCase()) ?? '' }
          : { id: m.email, name: m.email },
      )
      .filter((m) => m.id !== referent.aadId)
      .map((m) => ({ aadId: m.id, name: m.name, organisationId: c.organisationId }));
    return {
      id: `team-${index + 1}`,
      programmeId: programme.id,
      number: index + 1,
      name: answers?.teamName ?? `Équipe ${index + 1}`,
      leadAadId: referent.aadId,
      members: [referent, ...others],
    };
  });
}
