import type restify from 'restify';
import type { CardVerb } from '../adapters/teams/verbs/card-verb';
import type { SearchDataset } from '../adapters/teams/verbs/search-dataset';
import type { TextCommand } from '../adapters/teams/verbs/text-command';
import type { Turn } from '../adapters/teams/verbs/turn';
import type { AdaptiveCardJson } from '../adapters/teams/cards/render-card';
import type { NoticeRenderers } from '../adapters/teams/notices/notice-renderer';
import type { ScheduledJobDefinition } from '../jobs/create-scheduled-job';
import type { Job } from '../jobs/job-registry';

/** An HTTP route a capability serves beside /api/messages (e.g. its signed downloads). */
export type HttpRoute = (server: restify.Server) => void;

/**
 * One capability of the bot, declared in one place: the card verbs and text commands people
 * use, the cards its proactive notices render to, its scheduled jobs (claimed once per
 * occurrence across instances) and plain periodic tasks, and its HTTP routes. `main.ts` composes
 * a list of modules; nothing capability-specific is wired anywhere else.
 */
export interface FeatureModule {
  name: string;
  verbs?: readonly CardVerb[];
  commands?: readonly TextCommand[];
  /** Type-ahead searches its cards' pickers ask for. */
  searches?: readonly SearchDataset[];
  notices?: NoticeRenderers;
  /** Jobs whose occurrences derive from stored dates; each runs once across instances. */
  scheduledJobs?: readonly ScheduledJobDefinition[];
  /** Tasks every instance runs on a cron schedule (e.g. re-reading a roster). */
  tasks?: readonly Job[];
  routes?: readonly HttpRoute[];
  /** The card for anyone the bot greets or does not understand; one module (help) declares it. */
  fallback?: (turn: Turn) => Promise<AdaptiveCardJson>;
}

/** Every verb of every module, for the registry and for tests that walk it. */
export function listVerbs(modules: readonly FeatureModule[]): CardVerb[] {
  return modules.flatMap((module) => module.verbs ?? []);
}

/** Every type-ahead search of every module. */
export function listSearches(modules: readonly FeatureModule[]): SearchDataset[] {
  return modules.flatMap((module) => module.searches ?? []);
}

/** Every text command of every module, in module order (the first matching command answers). */
export function listCommands(modules: readonly FeatureModule[]): TextCommand[] {
  return modules.flatMap((module) => module.commands ?? []);
}

/** The notice renderers of every module, refusing two modules that render the same kind. */
export function collectNotices(modules: readonly FeatureModule[]): NoticeRenderers {
  const renderers: Record<string, NoticeRenderers[string]> = {};
  for (const module of modules) {
    for (const [kind, render] of Object.entries(module.notices ?? {})) {
      if (kind in renderers) throw new Error(`notice kind "${kind}" is rendered by two modules`);
      renderers[kind] = render;
    }
  }
  return renderers;
}

/** The one fallback card of the modules (the help card). */
export function findFallback(
  modules: readonly FeatureModule[],
): (turn: Turn) => Promise<AdaptiveCardJson> {
  const fallbacks = modules.flatMap((module) => (module.fallback ? [module.fallback] : []));
  if (fallbacks.length !== 1) {
    throw new Error(`exactly one module must declare the fallback card, not ${fallbacks.length}`);
  }
  return fallbacks[0]!;
}
