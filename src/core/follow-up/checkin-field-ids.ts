/** The ids of the check-in card's inputs; validation issues point at these. */
export const CheckinFieldIds = {
  status: 'status',
  progress: 'progress',
  done: 'done',
  nextSteps: 'nextSteps',
  helpCategory: 'helpCategory',
  helpText: 'helpText',
} as const;

/** The input id of a programme indicator: `indicator.<id>`. */
export function toIndicatorFieldId(indicatorId: string): string {
  return `indicator.${indicatorId}`;
}
