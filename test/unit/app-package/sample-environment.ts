import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { substitutePlaceholders } from '../../../scripts/package-app';

/** Root of the repository, for reading appPackage/ and env/. */
export const ROOT = join(__dirname, '..', '..', '..');

/** Values for every `${{VAR}}` the app package uses, as the toolkit would have filled them after provision. */
export const SAMPLE_VARIABLES: Record<string, string> = {
  TEAMS_APP_ID: '8d1c7b0e-3f5a-4c2e-9b7d-2a6f1e4c9d30',
  BOT_ID: '5e2b9c41-7a3d-4f60-8c1e-0d9f6b2a7e14',
  GRAPH_CLIENT_ID: '0c8e4f2a-91b7-4d3e-a5c6-7f1b2d9e8a43',
  BOT_DOMAIN: 'labbot-test.azurewebsites.net',
  APP_NAME_SUFFIX: ' (test)',
  APP_WEBSITE_URL: 'https://www.ucanss.fr',
  PRIVACY_URL: 'https://www.ucanss.fr',
  TERMS_URL: 'https://www.ucanss.fr',
};

/** Reads a file of appPackage/ and substitutes the sample variables; fails if any placeholder is left. */
export function readSubstituted(name: string): Record<string, unknown> {
  const template = readFileSync(join(ROOT, 'appPackage', name), 'utf8');
  const { text, missing } = substitutePlaceholders(template, SAMPLE_VARIABLES);
  if (missing.length > 0)
    throw new Error(`${name} uses variables the sample lacks: ${missing.join(', ')}`);
  return JSON.parse(text) as Record<string, unknown>;
}
