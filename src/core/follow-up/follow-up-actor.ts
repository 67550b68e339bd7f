/** Who acts on a follow-up card: their Entra id, display name, and whether the bot's configuration makes them Lab team. */
export interface FollowUpActor {
  aadId: string;
  name: string;
  /** From LAB_ADMIN_IDS; the programme's own Lab team is added by the use cases. */
  isLab: boolean;
}
