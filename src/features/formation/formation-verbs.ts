/** The card verbs of team formation; handlers, templates and builders share these names. */
export const FormationVerbs = {
  regenerate: 'formation.regenerate',
  swap: 'formation.swap',
  move: 'formation.move',
  lock: 'formation.lock',
  dryRun: 'formation.dryRun',
  confirm: 'formation.confirm',
  change: 'formation.change',
  page: 'formation.page',
  find: 'formation.find',
} as const;
