/** "Je suis absent jusqu'au JJ/MM": reminders to this person pause until that day, included. */
export interface Absence {
  aadId: string;
  /** Last day of the absence (YYYY-MM-DD, the person's local day). */
  until: string;
  declaredAt: Date;
}
