import type { EmailCause } from '../../core/ports/email-delivery-store';
import type { OutboxPayload } from '../../core/ports/outbox-store';
import { stripHiddenControls } from '../teams/cards/sanitise-card';
import type { Translate } from '../../i18n/translate';

/** Subjects longer than this are cut (Outlook shows about 80 characters; 255 is the header's limit). */
const MAX_SUBJECT_LENGTH = 200;

/**
 * The zero-width space sanitiseCard puts inside Markdown links so they do not act in Teams: in an
 * e-mail nothing is Markdown, so it goes.
 */
const MARKDOWN_BREAK = /\u200b/g;

/** Characters that mean something in HTML, as entities: what people wrote stays text. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Mail clients turn addresses written in a text into links by themselves. The bot's own links
 * are buttons on the card (not carried over), so every address in a text is someone's writing:
 * a zero-width space after `://` and inside `www.` keeps it readable and no longer a link.
 */
function breakAutolinks(text: string): string {
  return text
    .replace(/:\/\//g, ':/\u200b/')
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\u200b.`);
}

/** A text of the card as HTML text: hidden controls removed, escaped, line breaks kept. */
function toHtmlText(text: string): string {
  return escapeHtml(breakAutolinks(stripHiddenControls(text).replace(MARKDOWN_BREAK, ''))).replace(
    /\r?\n/g,
    '<br>',
  );
}

type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; subtle: boolean }
  | { kind: 'facts'; facts: { title: string; value: string }[] };

/** The card's texts and facts in reading order; inputs and buttons stay in Teams. */
function collectBlocks(card: Record<string, unknown>): Block[] {
  const blocks: Block[] = [];
  const visit = (element: unknown): void => {
    if (Array.isArray(element)) {
      for (const item of element) visit(item);
      return;
    }
    if (typeof element !== 'object' || element === null) return;
    const record = element as Record<string, unknown>;
    switch (record.type) {
      case 'TextBlock': {
        const text = typeof record.text === 'string' ? record.text : '';
        if (text.trim() === '') return;
        const heading = record.style === 'heading' || record.size === 'Large';
        if (heading && !blocks.some((block) => block.kind === 'title')) {
          blocks.push({ kind: 'title', text });
        } else if (heading) {
          blocks.push({ kind: 'heading', text });
        } else {
          blocks.push({ kind: 'text', text, subtle: record.isSubtle === true });
        }
        return;
      }
      case 'FactSet': {
        const facts = (Array.isArray(record.facts) ? record.facts : [])
          .map((fact: unknown) => fact as { title?: unknown; value?: unknown })
          .map((fact) => ({
            title: typeof fact.title === 'string' ? fact.title : '',
            value: typeof fact.value === 'string' ? fact.value : '',
          }))
          .filter((fact) => fact.title !== '' || fact.value !== '');
        if (facts.length > 0) blocks.push({ kind: 'facts', facts });
        return;
      }
      case 'RichTextBlock': {
        const inlines = Array.isArray(record.inlines) ? record.inlines : [];
        const text = inlines
          .map((inline: unknown) =>
            typeof inline === 'string'
              ? inline
              : typeof (inline as { text?: unknown }).text === 'string'
                ? (inline as { text: string }).text
                : '',
          )
          .join('');
        if (text.trim() !== '') blocks.push({ kind: 'text', text, subtle: false });
        return;
      }
      default:
        // Containers, columns: their items in order. Inputs and actions are not read.
        if (typeof record.type === 'string' && /^(Input\.|Action)/.test(record.type)) return;
        visit(record.body);
        visit(record.items);
        visit(record.columns);
    }
  };
  visit(card.body);
  return blocks;
}

/** What the e-mail says and where it sends people back to. */
export interface EmailContext {
  t: Translate;
  language: string;
  cause: EmailCause;
  /** The Teams deep link to the bot (teams-deep-link.ts). */
  teamsLink: string;
}

/**
 * The e-mail standing in for a Teams message: the card's title as the subject, its texts and
 * facts as HTML (every text escaped: a name or an answer with HTML, Markdown or bidirectional
 * controls in it reads as the characters typed, never as markup), why it comes by e-mail, and
 * a link back to the bot in Teams, where its buttons are.
 */
export function renderEmail(
  payload: OutboxPayload,
  context: EmailContext,
): { subject: string; html: string } {
  const blocks: Block[] =
    payload.kind === 'card'
      ? collectBlocks(payload.card)
      : [{ kind: 'text', text: payload.text, subtle: false }];
  const title = blocks.find((block) => block.kind === 'title');
  const fallbackSubject =
    payload.kind === 'card' ? (payload.summary ?? '') : payload.text.split('\n')[0];
  const rawSubject = (title?.kind === 'title' ? title.text : fallbackSubject) || 'Lab Innovation';
  const subject = [
    ...stripHiddenControls(rawSubject).replace(MARKDOWN_BREAK, '').replace(/\s+/g, ' ').trim(),
  ]
    .slice(0, MAX_SUBJECT_LENGTH)
    .join('');
  const { t } = context;
  const link = escapeHtml(context.teamsLink);
  const parts: string[] = [
    `<p style="color:#616161">${toHtmlText(t(`email.why.${context.cause}`))}</p>`,
  ];
  for (const block of blocks) {
    switch (block.kind) {
      case 'title':
        parts.push(`<h1 style="font-size:20px">${toHtmlText(block.text)}</h1>`);
        break;
      case 'heading':
        parts.push(`<h2 style="font-size:16px">${toHtmlText(block.text)}</h2>`);
        break;
      case 'text':
        parts.push(
          block.subtle
            ? `<p style="color:#616161">${toHtmlText(block.text)}</p>`
            : `<p>${toHtmlText(block.text)}</p>`,
        );
        break;
      case 'facts':
        parts.push(
          `<table role="presentation" style="border-collapse:collapse">${block.facts
            .map(
              (fact) =>
                `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${toHtmlText(fact.title)}</th><td style="padding:2px 0">${toHtmlText(fact.value)}</td></tr>`,
            )
            .join('')}</table>`,
        );
        break;
    }
  }
  parts.push(
    `<p>${toHtmlText(t('email.actInTeams'))} <a href="${link}">${toHtmlText(t('email.openInTeams'))}</a></p>`,
    `<p style="color:#616161;font-size:12px">${toHtmlText(t('email.footer'))}</p>`,
  );
  const lang = context.language === 'en' ? 'en' : 'fr';
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body dir="auto" style="font-family:'Segoe UI',Arial,sans-serif;font-size:14px">${parts.join('')}</body></html>`;
  return { subject, html };
}

/**
 * The Teams deep link back to the bot: the app's page in Teams (install or open it) for an app of
 * the organisation's catalogue ("Deep link to an application": the org catalogue id), or else a
 * chat with the bot by its id.
 */
export function buildTeamsDeepLink(input: {
  teamsAppCatalogueId: string | undefined;
  tenantId: string | undefined;
  botAppId: string | undefined;
}): string {
  if (input.teamsAppCatalogueId !== undefined) {
    const tenant =
      input.tenantId === undefined ? '' : `?tenantId=${encodeURIComponent(input.tenantId)}`;
    return `https://teams.microsoft.com/l/app/${encodeURIComponent(input.teamsAppCatalogueId)}${tenant}`;
  }
  if (input.botAppId !== undefined) {
    return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${input.botAppId}`)}`;
  }
  return 'https://teams.microsoft.com/';
}
