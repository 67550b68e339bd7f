import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { buildMessageCard } from './cards/card-kit';
import { readTenantId } from './read-activity';
import { toCardContext } from './verbs/install-verbs';

/** Why an activity is refused before any turn logic: not Teams, or a tenant not allowed. */
export type Refusal = 'channel' | 'tenant';

/**
 * Whether the bot takes this activity at all: Teams only (`msteams`, never Web Chat or Direct
 * Line, whose users are not Teams users), and, when the configuration names them, from the
 * allowed Entra tenants only, so that an id of the Lab team sent from another tenant is nobody.
 */
export function admitActivity(
  activity: Partial<Activity>,
  allowedTenantIds: readonly string[] | undefined,
): Refusal | undefined {
  if (activity.channelId !== 'msteams') return 'channel';
  if (allowedTenantIds === undefined) return undefined;
  const tenant = readTenantId(activity)?.toLowerCase();
  return tenant !== undefined && allowedTenantIds.includes(tenant) ? undefined : 'tenant';
}

/**
 * Ends a refused turn: nothing is read, written or sent to the sender's service URL; an invoke
 * is answered in its own HTTP response with a card in the sender's language saying the bot is
 * not available here (a message needs no answer).
 */
export async function refuseActivity(context: TurnContext): Promise<void> {
  if (context.activity.type !== 'invoke') return;
  const { t } = toCardContext(context);
  const card = buildMessageCard(t('verb.forbidden.title'), [t('activity.notAvailableHere')]);
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
    },
  });
}
