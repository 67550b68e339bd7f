// Rewrites the generated part of docs/security.md from the verb registry (`npm run docs:security`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import prettier from 'prettier';
import { loadConfig } from '../src/config';
import { updateRegistrySection } from '../src/features/describe-registry';
import { createLogger } from '../src/logger';
import { startBot } from '../src/main';

const DOCUMENT = join(__dirname, '..', 'docs', 'security.md');

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'labbot-security-doc-'));
  try {
    const config = loadConfig({
      PORT: '0',
      SQLITE_PATH: join(directory, 'registry.sqlite'),
      LOG_LEVEL: 'silent',
    });
    const bot = await startBot(config, createLogger(config.logLevel));
    try {
      const updated = updateRegistrySection(readFileSync(DOCUMENT, 'utf8'), bot.modules);
      writeFileSync(DOCUMENT, await prettier.format(updated, { parser: 'markdown' }));
    } finally {
      await bot.stop();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

void main();
