/** The card verbs of Lab sessions; handlers, cards and notices share these names. */
export const LabSessionVerbs = {
  open: 'session.open',
  submit: 'session.submit',
  saveDraft: 'session.saveDraft',
  view: 'session.view',
  qualify: 'session.qualify',
  qualification: 'session.qualification',
  decide: 'session.decide',
  schedule: 'session.schedule',
  sequencing: 'session.sequencing',
  withdraw: 'session.withdraw',
  hotDebrief: 'session.hotDebrief',
  coldDebrief: 'session.coldDebrief',
  mine: 'session.mine',
  requests: 'session.requests',
} as const;
