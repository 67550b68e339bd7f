/** The verbs carried by card actions, one namespace per feature; handlers and templates share these. */
export const CardVerbs = {
  help: 'help.show',
  profile: 'profile.show',
  programmes: 'programme.list',
  status: 'status.show',
} as const;

export type CardVerb = (typeof CardVerbs)[keyof typeof CardVerbs];
