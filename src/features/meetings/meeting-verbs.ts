/** The card verbs of meetings: an attendee's .ics download link. */
export const MeetingVerbs = {
  ics: 'meeting.ics',
} as const;
