import {
  PERSONAL_DATA_CATEGORIES,
  PERSONAL_DATA_REGISTER,
  RETENTION_DEFAULTS,
  TABLES_WITHOUT_PERSONAL_DATA,
  type RetentionRule,
} from './personal-data-register';

/** Marks around the generated part of docs/personal-data.md; the rest of the page is written by hand. */
export const REGISTER_START = '<!-- register:start (generated from src/core/personal-data) -->';
export const REGISTER_END = '<!-- register:end -->';

/** How long each rule keeps data, in the register's words, from RETENTION_DEFAULTS. */
export function describeRetention(rule: RetentionRule): string {
  const d = RETENTION_DEFAULTS;
  switch (rule) {
    case 'draftsUntilClose':
      return d.draftDaysAfterClose === 0
        ? 'deleted when the call for candidacies closes'
        : `deleted ${d.draftDaysAfterClose} days after the call for candidacies closes`;
    case 'unselectedCandidacies':
      return `not selected: deleted ${d.unselectedMonthsAfterCommittee} months after the committee; selected: as participants`;
    case 'participants':
      return `pseudonymised ${d.participantMonthsAfterEnd} months after the programme ends`;
    case 'outboxPayloads':
      return `card payload emptied ${d.outboxPayloadDays} days after sending (key, state and dates kept)`;
    case 'exportTokens':
      return `deleted ${d.exportTokenDays} day after being issued`;
    case 'uninstalledConversations':
      return `deleted ${d.uninstalledConversationDays} days after the bot is removed from the conversation`;
    case 'whileUsed':
      return 'while the person uses the bot; erased on request';
    case 'auditTrail':
      return 'kept as proof; pseudonymised when the person is erased';
  }
}

/** The generated part of docs/personal-data.md: the register as Markdown tables. */
export function renderRegisterMarkdown(): string {
  const lines = [
    REGISTER_START,
    '',
    '| table | category | identifies the person | content | purpose | retention |',
    '|---|---|---|---|---|---|',
  ];
  const ordered = [...PERSONAL_DATA_REGISTER].sort(
    (a, b) =>
      PERSONAL_DATA_CATEGORIES.indexOf(a.category) - PERSONAL_DATA_CATEGORIES.indexOf(b.category),
  );
  for (const entry of ordered) {
    const columns = (list: readonly string[]) =>
      list.length === 0 ? '—' : list.map((c) => `\`${c}\``).join(', ');
    lines.push(
      `| \`${entry.table}\` | ${entry.category} | ${columns(entry.personColumns)} | ${columns(entry.contentColumns)} | ${entry.purpose} | ${describeRetention(entry.retention)} |`,
    );
  }
  lines.push('', 'Tables without personal data:', '');
  for (const [table, why] of Object.entries(TABLES_WITHOUT_PERSONAL_DATA)) {
    lines.push(`- \`${table}\`: ${why}.`);
  }
  lines.push('', REGISTER_END);
  return lines.join('\n');
}

/** The page with its generated part replaced by the register as it stands in the code. */
export function updateRegisterSection(page: string): string {
  const start = page.indexOf(REGISTER_START);
  const end = page.indexOf(REGISTER_END);
  if (start < 0 || end < start) throw new Error('docs/personal-data.md lost its register marks');
  return page.slice(0, start) + renderRegisterMarkdown() + page.slice(end + REGISTER_END.length);
}
