/** The verbs carried by card actions, one namespace per feature; handlers and templates share these. */
export const CardVerbs = {
  help: 'help.show',
  profile: 'profile.show',
  programmes: 'programme.list',
  status: 'status.show',
  formationRegenerate: 'formation.regenerate',
  formationSwap: 'formation.swap',
  formationMove: 'formation.move',
  formationLock: 'formation.lock',
  formationDryRun: 'formation.dryRun',
  formationConfirm: 'formation.confirm',
  programmeCreate: 'programme.create',
  candidacyOpen: 'candidacy.open',
  candidacySubmit: 'candidacy.submit',
  candidacySaveDraft: 'candidacy.saveDraft',
  candidacyWithdraw: 'candidacy.withdraw',
  candidacyEndorse: 'candidacy.endorse',
  candidacyConfirm: 'candidacy.confirm',
  candidacyRenounce: 'candidacy.renounce',
  selectionOverview: 'selection.overview',
  selectionList: 'selection.list',
  selectionDetail: 'selection.detail',
  selectionDecide: 'selection.decide',
  selectionScore: 'selection.score',
  selectionExport: 'selection.export',
  digestShow: 'digest.show',
  digestRefresh: 'digest.refresh',
  digestExport: 'digest.export',
  checkinAnswer: 'checkin.answer',
  checkinEdit: 'checkin.edit',
  checkinRefresh: 'checkin.refresh',
  checkinPause: 'checkin.pause',
  checkinHistory: 'checkin.history',
  checkinCalendar: 'checkin.calendar',
  reviewAnswer: 'review.answer',
  reviewEdit: 'review.edit',
  reviewRefresh: 'review.refresh',
} as const;

export type CardVerb = (typeof CardVerbs)[keyof typeof CardVerbs];

/** The verbs of the built-in cards (help, profile, programmes, status); features handle their own. */
export const CORE_VERBS = [
  CardVerbs.help,
  CardVerbs.profile,
  CardVerbs.programmes,
  CardVerbs.status,
] as const;

export type CoreVerb = (typeof CORE_VERBS)[number];
