/** One notice of every candidacy and selection kind, with believable data. */
export const CANDIDACY_NOTICES: Record<string, Record<string, unknown>> = {
  'candidacy.endorsementRequest': {
    programmeId: 'defi',
    programmeName: 'Défi du Lab',
    candidacyId: 'cand-1',
    candidateName: 'Camille Martin',
    organisationName: 'Caf de Guyane',
    motivation: 'Motivation',
  },
  'candidacy.endorsementAnswered': {
    programmeName: 'Défi du Lab',
    verdict: 'endorsed',
    comment: 'Oui',
  },
  'candidacy.endorsementUnreachable': {
    programmeId: 'defi',
    programmeName: 'Défi du Lab',
    managerEmail: 'hugo.martin@caf-guyane.fr',
  },
  'candidacy.draftReminder': {
    programmeId: 'defi',
    programmeName: 'Défi du Lab',
    closeDay: '2026-04-03',
  },
  'selection.decision': {
    programmeId: 'defi',
    programmeName: 'Défi du Lab',
    candidacyId: 'cand-1',
    status: 'accepted',
    confirmBy: '2026-05-01',
    promoted: true,
  },
  'selection.lapsed': { programmeName: 'Défi du Lab', confirmBy: '2026-05-01' },
  'selection.promoted': {
    programmeId: 'defi',
    programmeName: 'Défi du Lab',
    candidacyId: 'cand-5',
    candidateName: 'Candidat 5',
    organisationName: 'Cnav',
    reason: 'declined',
  },
  'selection.seatFreed': { programmeId: 'defi', programmeName: 'Défi du Lab', reason: 'lapsed' },
  'selection.exportLink': {
    programmeId: 'defi',
    programmeName: 'Défi du Lab',
    url: 'http://127.0.0.1/exports/token',
    format: 'xlsx',
    expiresAt: '2026-05-01T10:15:00.000Z',
  },
};
