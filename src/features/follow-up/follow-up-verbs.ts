/** The card verbs of check-ins and reviews; handlers, templates and builders share these names. */
export const FollowUpVerbs = {
  checkinAnswer: 'checkin.answer',
  checkinEdit: 'checkin.edit',
  checkinRefresh: 'checkin.refresh',
  checkinPause: 'checkin.pause',
  checkinHistory: 'checkin.history',
  checkinCalendar: 'checkin.calendar',
  reviewAnswer: 'review.answer',
  reviewEdit: 'review.edit',
  reviewRefresh: 'review.refresh',
} as const;
