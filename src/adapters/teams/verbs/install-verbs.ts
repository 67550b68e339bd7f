import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ZodIssue } from 'zod';
import type { Role } from '../../../core/people/role';
import type { MessageKey } from '../../../i18n/fr';
import { createTranslator, toLanguage } from '../../../i18n/translate';
import type { Logger } from '../../../logger';
import type { CardContext } from '../cards/card-context';
import { buildCard, buildMessageCard } from '../cards/card-kit';
import { toAttachment, type AdaptiveCardJson } from '../cards/render-card';
import { sanitiseCard, stripHiddenControls } from '../cards/sanitise-card';
import { readLocale, readScope, readTenantId, readTimezone } from '../read-activity';
import type { CardVerb, Confirmation } from './card-verb';
import { isAllowed, needsProgrammeRoles, type Guard } from './guard';
import {
  MAX_SEARCH_QUERY_LENGTH,
  MAX_SEARCH_RESULTS,
  type SearchDataset,
  type SearchResult,
} from './search-dataset';
import type { TextCommand } from './text-command';
import type { Sender, Turn } from './turn';

/** The invoke Teams sends for an Action.Execute (Universal Actions). */
const ACTION_INVOKE = 'adaptiveCard/action';
/** The invoke Teams sends while a person types in a dynamic type-ahead (Data.Query). */
const SEARCH_INVOKE = 'application/search';
/** The data field "Confirmer" adds: the action was asked about and the person said yes. */
const CONFIRMED = 'confirmed';
/** At most this many field names are listed when card data is refused; the rest are counted. */
const MAX_LISTED_FIELDS = 5;

/** Where the registry learns who the sender is. */
export interface SenderRoles {
  /** Roles known without reading a programme: staff, and the Lab team. */
  baseRoles(aadId: string): Set<Role>;
  /** Roles programmes give the person (committee, a programme's Lab team, team places). */
  programmeRoles(aadId: string): Promise<Role[]>;
}

/** The registry's view of every verb and command the bot offers. */
export interface VerbRegistry {
  verbs: readonly CardVerb[];
  commands: readonly TextCommand[];
  searches?: readonly SearchDataset[];
}

/** The turn's card context: language from the Teams locale, French by default. */
export function toCardContext(context: TurnContext): CardContext {
  const language = toLanguage(readLocale(context.activity));
  return { language, t: createTranslator(language) };
}

/** Builds the sender and the turn; undefined when Teams named no Entra user (no verb runs then). */
export function toTurn(context: TurnContext, roles: SenderRoles): Turn | undefined {
  const { activity } = context;
  const aadId = activity.from?.aadObjectId;
  if (typeof aadId !== 'string' || aadId === '') return undefined;
  let programmeRoles: Promise<ReadonlySet<Role>> | undefined;
  const base = roles.baseRoles(aadId);
  const sender: Sender = {
    aadId,
    name: typeof activity.from.name === 'string' ? stripHiddenControls(activity.from.name) : '',
    tenantId: readTenantId(activity),
    // A channel message's conversation id carries ";messageid=…" after the channel's id.
    conversationId: (activity.conversation?.id ?? '').split(';')[0] ?? '',
    scope: readScope(activity),
    timeZone: readTimezone(activity),
    isLab: base.has('lab'),
    roles: () =>
      (programmeRoles ??= roles
        .programmeRoles(aadId)
        .then((extra) => new Set<Role>([...base, ...extra]))),
  };
  return {
    context,
    sender,
    card: toCardContext(context),
    send: async (card) => {
      await context.sendActivity({
        attachments: [toAttachment(sanitiseCard(card, toLanguage(readLocale(context.activity))))],
      });
    },
  };
}

/**
 * Registers every card verb (Action.Execute and its Action.Submit fallback, with one route each,
 * dispatching by name) and every text command on the application. Before a handler runs: the
 * sender must be a named Entra user, the conversation one of the verb's scopes, the sender one of
 * the guard's roles and the data what the verb's schema says; otherwise the answer is a card in
 * the sender's language and nothing is written. Unknown verbs get a card too, never a 501.
 */
export function installVerbs(
  app: Application<TurnState>,
  registry: VerbRegistry,
  roles: SenderRoles,
  logger: Logger,
): void {
  const verbs = new Map<string, CardVerb>();
  for (const verb of registry.verbs) {
    if (verbs.has(verb.verb)) throw new Error(`card verb "${verb.verb}" is declared twice`);
    verbs.set(verb.verb, verb);
  }
  const commandIds = new Set<string>();
  for (const command of registry.commands) {
    if (commandIds.has(command.id)) throw new Error(`command "${command.id}" is declared twice`);
    commandIds.add(command.id);
  }

  const answerVerb = async (context: TurnContext, name: unknown, data: unknown) => {
    const card = toCardContext(context);
    const verb = typeof name === 'string' ? verbs.get(name) : undefined;
    if (verb === undefined) {
      logger.info({ refusal: 'unknownVerb' }, 'card action refused');
      return buildMessageCard(card.t('verb.unknown'));
    }
    const turn = toTurn(context, roles);
    if (turn === undefined) return refusal(card, 'verb.forbidden');
    const refused = await admit(turn, verb);
    if (refused !== undefined) {
      logger.info({ verb: verb.verb, refusal: refused }, 'card action refused');
      return refusal(
        card,
        refused === 'scope'
          ? (verb.outOfScope ?? 'verb.outOfScope')
          : (verb.forbidden ?? 'verb.forbidden'),
      );
    }
    // Hidden controls go at input: nothing stores a bidi override a person smuggled in.
    const { [CONFIRMED]: confirmed, ...sent } = readRecord(stripControlsDeep(data ?? {}));
    const parsed = verb.data.safeParse(sent);
    if (!parsed.success) {
      logger.info({ verb: verb.verb, refusal: 'invalidData' }, 'card action refused');
      return buildMessageCard(card.t('verb.forbidden.title'), [
        card.t('verb.invalidData', { fields: listFields(parsed.error.issues) }),
      ]);
    }
    if (verb.confirmation !== undefined && confirmed !== true && confirmed !== 'true') {
      const confirmation = await verb.confirmation(turn, parsed.data);
      if (confirmation !== undefined) {
        return buildConfirmationCard(card, verb.verb, sent, confirmation);
      }
    }
    return verb.handle(turn, parsed.data);
  };

  // Action.Execute: the returned card replaces the one the person clicked.
  app.addRoute(
    (context) =>
      Promise.resolve(
        context.activity.type === 'invoke' && context.activity.name === ACTION_INVOKE,
      ),
    async (context) => {
      const action = readRecord(readRecord(context.activity.value).action);
      const card = await answerVerb(context, action.verb, action.data);
      await respondToInvoke(context, sanitiseCard(card, toLanguage(readLocale(context.activity))));
    },
    true,
  );

  // Action.Submit fallback (clients without Universal Actions): a message whose value names the
  // verb; the answer comes as a new card. Handled in channels whatever the mention.
  app.addRoute(
    (context) =>
      Promise.resolve(context.activity.type === 'message' && isSubmission(context.activity.value)),
    async (context) => {
      const value = readRecord(context.activity.value);
      const card = await answerVerb(context, value.verb, value);
      await context.sendActivity({
        attachments: [toAttachment(sanitiseCard(card, toLanguage(readLocale(context.activity))))],
      });
    },
  );

  const searches = new Map<string, SearchDataset>();
  for (const search of registry.searches ?? []) {
    if (searches.has(search.dataset))
      throw new Error(`search "${search.dataset}" is declared twice`);
    searches.set(search.dataset, search);
  }

  // A type-ahead: guarded like any read; a refusal is an error answer, never a result.
  app.addRoute(
    (context) =>
      Promise.resolve(
        context.activity.type === 'invoke' && context.activity.name === SEARCH_INVOKE,
      ),
    async (context) => {
      const value = readRecord(context.activity.value);
      const [name = '', within = ''] = (
        typeof value.dataset === 'string' ? value.dataset : ''
      ).split('/', 2);
      const search = searches.get(name);
      const turn = toTurn(context, roles);
      const query =
        typeof value.queryText === 'string' ? stripHiddenControls(value.queryText).trim() : '';
      let refusedFor: string | undefined;
      if (search === undefined) refusedFor = 'unknownDataset';
      else if (turn === undefined) refusedFor = 'guard';
      else if (query.length > MAX_SEARCH_QUERY_LENGTH) refusedFor = 'invalidData';
      else refusedFor = await admit(turn, search);
      if (refusedFor !== undefined || search === undefined || turn === undefined) {
        logger.info({ search: name, refusal: refusedFor }, 'search refused');
        const t = toCardContext(context).t;
        await respondToSearch(context, {
          error: t(refusedFor === 'invalidData' ? 'search.tooLong' : 'verb.forbidden'),
        });
        return;
      }
      const results = query === '' ? [] : await search.search(turn, within, query);
      await respondToSearch(context, { results: results.slice(0, MAX_SEARCH_RESULTS) });
    },
    true,
  );

  for (const command of registry.commands) {
    app.message(command.pattern, async (context) => {
      const card = toCardContext(context);
      const match = command.pattern.exec(stripHiddenControls(context.activity.text ?? ''));
      const turn = toTurn(context, roles);
      if (match === null || turn === undefined) {
        await context.sendActivity({
          attachments: [toAttachment(refusal(card, 'verb.forbidden'))],
        });
        return;
      }
      const refused = await admit(turn, command);
      if (refused !== undefined) {
        logger.info({ command: command.id, refusal: refused }, 'command refused');
        await turn.send(
          refusal(
            card,
            refused === 'scope'
              ? (command.outOfScope ?? 'verb.outOfScope')
              : (command.forbidden ?? 'verb.forbidden'),
          ),
        );
        return;
      }
      await command.handle(turn, match);
    });
  }
}

/** True for a card submission: an object value that names a verb. */
export function isSubmission(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { verb?: unknown }).verb === 'string'
  );
}

async function admit(
  turn: Turn,
  declared: { guard: Guard; scopes: readonly string[] },
): Promise<'scope' | 'guard' | undefined> {
  if (!declared.scopes.includes(turn.sender.scope)) return 'scope';
  const base = new Set<Role>(['staff']);
  if (turn.sender.isLab) base.add('lab');
  if (isAllowed(declared.guard, base)) return undefined;
  if (!needsProgrammeRoles(declared.guard)) return 'guard';
  return isAllowed(declared.guard, await turn.sender.roles()) ? undefined : 'guard';
}

/** Answers a type-ahead with its results, or with an error Teams shows under the input. */
async function respondToSearch(
  context: TurnContext,
  answer: { results: SearchResult[] } | { error: string },
): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body:
        'error' in answer
          ? {
              statusCode: 403,
              type: 'application/vnd.microsoft.error',
              value: { code: '403', message: answer.error },
            }
          : {
              statusCode: 200,
              type: 'application/vnd.microsoft.search.searchResponse',
              value: { results: answer.results },
            },
    },
  });
}

function refusal(card: CardContext, key: MessageKey): AdaptiveCardJson {
  return buildMessageCard(card.t('verb.forbidden.title'), [card.t(key)]);
}

/**
 * Answers the invoke with the card. A card that refreshes for several people (Universal Actions
 * `refresh`) replaces the message for everyone, which needs the message's id: without one the card
 * only goes back to the person who clicked.
 */
async function respondToInvoke(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  const replyToId = context.activity.replyToId;
  if (card.refresh !== undefined && typeof replyToId === 'string' && replyToId !== '') {
    await context.updateActivity({
      type: 'message',
      attachments: [toAttachment(card)],
      id: replyToId,
    });
  }
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
    },
  });
}

/**
 * The question before an irreversible action: what will happen, "Confirmer" (destructive style)
 * sending the same verb with what the card sent and `confirmed`, and "Annuler" back to the card.
 */
function buildConfirmationCard(
  card: CardContext,
  verb: string,
  sent: Record<string, unknown>,
  confirmation: Confirmation,
): AdaptiveCardJson {
  const { verb: _verb, ...data } = sent;
  return buildCard({
    title: confirmation.title,
    lines: confirmation.lines,
    banner: { text: card.t('confirmation.irreversible'), style: 'warning' },
    actions: [
      {
        title: card.t('confirmation.action.confirm'),
        verb,
        data: { ...data, [CONFIRMED]: true },
        style: 'destructive',
      },
      {
        title: card.t('confirmation.action.cancel'),
        verb: confirmation.cancel.verb,
        data: confirmation.cancel.data,
      },
    ],
  });
}

function readRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function listFields(issues: readonly ZodIssue[]): string {
  const fields = [...new Set(issues.map((issue) => issue.path.join('.') || '—'))];
  const shown = fields.slice(0, MAX_LISTED_FIELDS);
  return fields.length > MAX_LISTED_FIELDS
    ? `${shown.join(', ')} +${fields.length - MAX_LISTED_FIELDS}`
    : shown.join(', ');
}

/** The data with hidden controls removed from every string, whatever its depth. */
function stripControlsDeep(value: unknown): unknown {
  if (typeof value === 'string') return stripHiddenControls(value);
  if (Array.isArray(value)) return value.map(stripControlsDeep);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
      key,
      stripControlsDeep(entry),
    ]),
  );
}
