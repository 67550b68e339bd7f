/** The card verbs of the programme form; handlers, templates and builders share these names. */
export const ProgrammeWizardVerbs = {
  create: 'programme.create',
} as const;
