/** The card verbs of selection (committee and Lab team); handlers, templates and builders share these names. */
export const SelectionVerbs = {
  overview: 'selection.overview',
  list: 'selection.list',
  detail: 'selection.detail',
  decide: 'selection.decide',
  score: 'selection.score',
  export: 'selection.export',
} as const;
