/** The card verbs of candidacies and endorsements; handlers, templates and builders share these names. */
export const CandidacyVerbs = {
  open: 'candidacy.open',
  submit: 'candidacy.submit',
  saveDraft: 'candidacy.saveDraft',
  withdraw: 'candidacy.withdraw',
  endorse: 'candidacy.endorse',
  showEndorsement: 'candidacy.showEndorsement',
  confirm: 'candidacy.confirm',
  renounce: 'candidacy.renounce',
} as const;
