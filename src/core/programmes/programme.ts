/** How people enter a programme: alone (then mixed into teams) or as a team from one organisation. */
export type IntakeMode = 'individual' | 'team';

/** A branch of the French social-security system, or a partner outside it. */
export type Branch =
  'famille' | 'maladie' | 'retraite' | 'recouvrement' | 'informatique' | 'partenaire';

/** An organisation that may take part in a programme. */
export interface Organisation {
  id: string;
  name: string;
  branch: Branch;
  region: string;
  /** IANA time zone, e.g. Europe/Paris or America/Cayenne. */
  timezone: string;
  /** Public-holiday calendar: FR (mainland), FR-GF (French Guiana), BE (Belgium). */
  holidays: string;
}

/** The dated steps of a programme, as calendar days (YYYY-MM-DD) in Europe/Paris. */
export interface Milestones {
  candidacyOpen: string;
  candidacyClose: string;
  selectionCommittee: string;
  kickOff: string;
  hackathonStart: string;
  hackathonEnd: string;
  followUpStart: string;
  decemberReview: string;
  marchReview: string;
  end: string;
}

/** A programme such as one edition of the Défi du Lab. */
export interface Programme {
  id: string;
  name: string;
  theme: string;
  description: string;
  intakeMode: IntakeMode;
  organisations: Organisation[];
  seats: number;
  maxPerOrganisation: number;
  themeOptions: { id: string; label: string }[];
  milestones: Milestones;
}
