import assert from 'node:assert/strict';
import { buildTeamsDeepLink, renderEmail } from '../../../../src/adapters/email/render-email';
import { createTranslator } from '../../../../src/i18n/translate';

const context = {
  t: createTranslator('fr'),
  language: 'fr',
  cause: 'teams-unreachable' as const,
  teamsLink: 'https://teams.microsoft.com/l/app/abc?tenantId=t&x="y"',
};

describe('renderEmail', () => {
  it('takes the subject from the card’s title, on one line, without hidden controls, cut at 200 characters', () => {
    const title = `Point\nmensuel \u202Ed’octobre ${'x'.repeat(300)}`;
    const { subject } = renderEmail(
      {
        kind: 'card',
        card: {
          type: 'AdaptiveCard',
          body: [{ type: 'TextBlock', text: title, style: 'heading' }],
        },
      },
      context,
    );
    assert.equal([...subject].length, 200);
    assert.ok(subject.startsWith('Point mensuel d’octobre x'));
  });

  it('falls back to the notification text, then to the bot’s name, for a card without a title', () => {
    const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'une ligne' }] };
    assert.equal(renderEmail({ kind: 'card', card, summary: 'Rappel' }, context).subject, 'Rappel');
    assert.equal(renderEmail({ kind: 'card', card }, context).subject, 'Lab Innovation');
    assert.equal(renderEmail({ kind: 'text', text: 'Bonjour\nsuite' }, context).subject, 'Bonjour');
  });

  it('reads texts inside containers, columns and rich text, and leaves inputs and buttons out', () => {
    const { html } = renderEmail(
      {
        kind: 'card',
        card: {
          type: 'AdaptiveCard',
          body: [
            { type: 'TextBlock', text: 'Titre', size: 'Large' },
            {
              type: 'Container',
              items: [
                {
                  type: 'ColumnSet',
                  columns: [
                    { type: 'Column', items: [{ type: 'TextBlock', text: 'dans une colonne' }] },
                  ],
                },
                {
                  type: 'RichTextBlock',
                  inlines: [{ type: 'TextRun', text: 'riche ' }, 'et simple'],
                },
                { type: 'Input.Text', id: 'comment', label: 'Votre commentaire' },
                { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Valider' }] },
              ],
            },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Consulter', url: 'https://example.org' }],
        },
      },
      context,
    );
    assert.match(html, /<h1[^>]*>Titre<\/h1>/);
    assert.match(html, /<p>dans une colonne<\/p>/);
    assert.match(html, /<p>riche et simple<\/p>/);
    assert.doesNotMatch(html, /Votre commentaire|Valider|Consulter|example\.org/);
  });

  it('escapes the link back to Teams as an attribute', () => {
    const { html } = renderEmail({ kind: 'text', text: 'x' }, context);
    assert.ok(
      html.includes('href="https://teams.microsoft.com/l/app/abc?tenantId=t&amp;x=&quot;y&quot;"'),
    );
  });
});

describe('buildTeamsDeepLink', () => {
  it('opens the app of the organisation’s catalogue, or else a chat with the bot', () => {
    assert.equal(
      buildTeamsDeepLink({ teamsAppCatalogueId: 'cat-1', tenantId: 'tenant-1', botAppId: 'bot-1' }),
      'https://teams.microsoft.com/l/app/cat-1?tenantId=tenant-1',
    );
    assert.equal(
      buildTeamsDeepLink({
        teamsAppCatalogueId: undefined,
        tenantId: undefined,
        botAppId: 'bot-1',
      }),
      'https://teams.microsoft.com/l/chat/0/0?users=28%3Abot-1',
    );
  });
});
