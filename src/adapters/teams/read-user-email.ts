import { TeamsInfo, type TurnContext } from 'botbuilder';

/**
 * How long to wait for Teams to say who the sender is. Teams wants a card action answered within
 * 5 seconds (DESIGN.md §3); the email only helps, so it must never eat that budget.
 */
export const EMAIL_LOOKUP_TIMEOUT_MS = 1_500;

/** The sender's email (or UPN) from Teams' member API; null when Teams does not say in time. */
export async function readUserEmail(context: TurnContext): Promise<string | null> {
  const aadId = context.activity.from?.aadObjectId;
  if (aadId === undefined) return null;
  let timer: NodeJS.Timeout | undefined;
  try {
    const member = await Promise.race([
      TeamsInfo.getMember(context, aadId),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), EMAIL_LOOKUP_TIMEOUT_MS);
      }),
    ]);
    const email = member?.email ?? member?.userPrincipalName;
    return typeof email === 'string' && email.includes('@') ? email.toLowerCase() : null;
  } catch {
    // Outside Teams, or the member API refused: the bot works without the email.
    return null;
  } finally {
    clearTimeout(timer);
  }
}
