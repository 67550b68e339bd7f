import { buildCard } from '../adapters/teams/cards/card-kit';
import type { CardContext } from '../adapters/teams/cards/card-context';
import type { AdaptiveCardJson } from '../adapters/teams/cards/render-card';
import type { Clock } from '../core/ports/clock';
import type { Programme } from '../core/programmes/programme';

/** A choice is remembered this long per person and per subject (then the bot asks again). */
export const CHOICE_MEMORY_MS = 60 * 60 * 1000;

/**
 * The programme each person last chose for a subject ("formation", "selection"...), kept an
 * hour in this process's memory: a person who works on one programme is asked once, not at
 * every command. Another instance asks again, which costs one click.
 */
export class ProgrammeChoices {
  private readonly chosen = new Map<string, { programmeId: string; at: number }>();

  constructor(private readonly clock: Clock) {}

  remember(aadId: string, subject: string, programmeId: string): void {
    this.chosen.set(`${aadId.toLowerCase()}:${subject}`, {
      programmeId,
      at: this.clock.now().getTime(),
    });
  }

  recall(aadId: string, subject: string): string | undefined {
    const key = `${aadId.toLowerCase()}:${subject}`;
    const entry = this.chosen.get(key);
    if (entry === undefined) return undefined;
    if (this.clock.now().getTime() - entry.at > CHOICE_MEMORY_MS) {
      this.chosen.delete(key);
      return undefined;
    }
    return entry.programmeId;
  }
}

/** What a choice needs of a programme: its id, and its name for the button. */
export type ChoosableProgramme = Pick<Programme, 'id' | 'name'>;

/** The programme a command acts on, or the programmes to ask about. */
export type ProgrammePick<P extends ChoosableProgramme = Programme> =
  { kind: 'programme'; programme: P } | { kind: 'ask'; programmes: P[] } | { kind: 'none' };

/**
 * Which programme a command without a programme id means: the one the card names (remembered);
 * else the only relevant one; else the one this person chose within the hour, if still relevant;
 * else a question. With no relevant programme, `fallback` (e.g. the most recent one) answers.
 */
export function pickProgramme<P extends ChoosableProgramme = Programme>(input: {
  choices: ProgrammeChoices;
  aadId: string;
  subject: string;
  named: P | undefined;
  relevant: readonly P[];
  fallback: P | undefined;
}): ProgrammePick<P> {
  const { choices, aadId, subject, named, relevant } = input;
  if (named !== undefined) {
    choices.remember(aadId, subject, named.id);
    return { kind: 'programme', programme: named };
  }
  if (relevant.length === 1) return { kind: 'programme', programme: relevant[0]! };
  if (relevant.length > 1) {
    const recalled = choices.recall(aadId, subject);
    const programme = relevant.find((candidate) => candidate.id === recalled);
    return programme === undefined
      ? { kind: 'ask', programmes: [...relevant] }
      : { kind: 'programme', programme };
  }
  return input.fallback === undefined
    ? { kind: 'none' }
    : { kind: 'programme', programme: input.fallback };
}

/**
 * "Which programme?": one button per programme, each running `verb` for it with `data` (e.g. the
 * page or team number the command was typed with) and the programme's id.
 */
export function buildProgrammeChoiceCard(
  context: CardContext,
  programmes: readonly ChoosableProgramme[],
  verb: string,
  data: Record<string, string | number> = {},
): AdaptiveCardJson {
  const { t } = context;
  return buildCard({
    title: t('programmeChoice.title'),
    lines: [t('programmeChoice.body')],
    items: programmes.map((programme) => ({
      title: programme.name,
      subtitle: programme.id,
      action: {
        title: t('programmeChoice.choose', { programme: programme.name }),
        verb,
        data: { ...data, programmeId: programme.id },
      },
    })),
  });
}
