/** The card verbs of digests; handlers, templates and builders share these names. */
export const DigestVerbs = {
  show: 'digest.show',
  refresh: 'digest.refresh',
  export: 'digest.export',
} as const;
