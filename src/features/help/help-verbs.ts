/** The card verbs of the built-in cards: help, profile, programmes, status; handlers, templates and builders share these names. */
export const HelpVerbs = {
  help: 'help.show',
  profile: 'profile.show',
  programmes: 'programme.list',
  status: 'status.show',
} as const;
export type HelpVerb = (typeof HelpVerbs)[keyof typeof HelpVerbs];
