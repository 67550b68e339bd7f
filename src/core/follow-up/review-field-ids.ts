/** The ids of the review cards' inputs; validation issues point at these. */
export const ReviewFieldIds = {
  results: 'results',
  indicators: 'indicators',
  decisionsNeeded: 'decisionsNeeded',
  nextSteps: 'nextSteps',
  decision: 'decision',
  owner: 'owner',
} as const;
