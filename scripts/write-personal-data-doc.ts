import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { updateRegisterSection } from '../src/core/personal-data/render-register-markdown';

/** Rewrites the generated register in docs/personal-data.md from src/core/personal-data. */
const page = join(__dirname, '..', 'docs', 'personal-data.md');
writeFileSync(page, updateRegisterSection(readFileSync(page, 'utf8')));
