import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import JSZip from 'jszip';
import { checkIcons, validateLocalization, validateManifest } from './validate-manifest';

const ROOT = resolve(__dirname, '..');

/** Placeholder syntax of the Microsoft 365 Agents Toolkit: `${{VAR}}`. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

// The production app has no name suffix ("Lab Innovation"); every other variable needs a value.
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

// A fixed timestamp on every zip entry makes two builds from the same inputs byte-identical.
const ZIP_ENTRY_DATE = new Date(Date.UTC(2024, 0, 1));

/** Raised when the package cannot be built; `problems` has one line per missing variable or schema error. */
export class PackageError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

/** What to build: which environment, where its files are, where the zip goes. */
export interface PackageOptions {
  envName: string;
  outDir: string;
  /** Folder of the `.env.<name>` files; `env/` by default. */
  envDir?: string;
  /** Folder holding manifest.json, the icons and the localisation files; `appPackage/` by default. */
  appPackageDir?: string;
  /** Overrides applied last; `process.env` by default. */
  overrides?: NodeJS.ProcessEnv;
}

/** Parses a dotenv file: `KEY=value`, `#` comments, optional quotes (double quotes understand `\n`). */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (match === null) continue;
    const [, key, rest] = match as unknown as [string, string, string];
    const quoted = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(rest);
    if (quoted !== null) {
      const [, quote, inner] = quoted as unknown as [string, string, string];
      values[key] = quote === '"' ? inner.replace(/\\n/g, '\n') : inner;
    } else {
      values[key] = rest.replace(/\s+#.*$/, '').trim();
    }
  }
  return values;
}

/** Reads `.env.<name>`, then `.env.<name>.user` (secrets, git-ignored) if present, then the overrides. */
export function readEnvironment(
  envDir: string,
  envName: string,
  overrides: NodeJS.ProcessEnv,
): Record<string, string> {
  const shared = join(envDir, `.env.${envName}`);
  if (!existsSync(shared)) {
    throw new PackageError(`Unknown environment '${envName}'`, [`${shared} does not exist`]);
  }
  const values = parseEnvFile(readFileSync(shared, 'utf8'));
  const user = `${shared}.user`;
  if (existsSync(user)) Object.assign(values, parseEnvFile(readFileSync(user, 'utf8')));
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) values[key] = value;
  }
  return values;
}

/**
 * Replaces every `${{VAR}}` in a JSON text with the variable's value, escaped for a JSON string.
 * Returns the names that have no value (or an empty one, unless empty is allowed).
 */
export function substitutePlaceholders(
  jsonText: string,
  variables: Record<string, string>,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = jsonText.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = variables[name];
    if (value === undefined || (value === '' && !MAY_BE_EMPTY.has(name))) {
      missing.add(name);
      return placeholder;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  return { text, missing: [...missing].sort() };
}

interface ResolvedFile {
  name: string;
  text: string;
}

function localizationFilesOf(manifest: Record<string, unknown>): string[] {
  const info = manifest.localizationInfo as
    { defaultLanguageFile?: string; additionalLanguages?: { file: string }[] } | undefined;
  if (info === undefined) return [];
  const files = (info.additionalLanguages ?? []).map((language) => language.file);
  if (info.defaultLanguageFile !== undefined) files.unshift(info.defaultLanguageFile);
  return files;
}

/**
 * Builds `appPackage.<env>.zip`: substitutes the environment into manifest.json and the localisation
 * files, validates them against the official schemas and checks the icons. Writes nothing if anything
 * is missing or invalid (throws PackageError); returns the zip's path.
 */
export async function buildAppPackage(options: PackageOptions): Promise<string> {
  const appPackageDir = options.appPackageDir ?? join(ROOT, 'appPackage');
  const envDir = options.envDir ?? join(ROOT, 'env');
  const variables = readEnvironment(envDir, options.envName, options.overrides ?? process.env);

  const manifestTemplate = readFileSync(join(appPackageDir, 'manifest.json'), 'utf8');
  const templateManifest = JSON.parse(manifestTemplate) as Record<string, unknown>;
  const localizationNames = localizationFilesOf(templateManifest);

  const missing = new Set<string>();
  const resolved: ResolvedFile[] = [];
  for (const name of ['manifest.json', ...localizationNames]) {
    const template =
      name === 'manifest.json' ? manifestTemplate : readFileSync(join(appPackageDir, name), 'utf8');
    const result = substitutePlaceholders(template, variables);
    result.missing.forEach((variable) => missing.add(variable));
    resolved.push({ name, text: result.text });
  }
  if (missing.size > 0) {
    const envFile = relative(process.cwd(), join(envDir, `.env.${options.envName}`));
    throw new PackageError(
      `Missing variables for environment '${options.envName}' (set them in ${envFile}, ${envFile}.user or the process environment):`,
      [...missing].sort(),
    );
  }

  const [manifestFile, ...localizationFiles] = resolved as [ResolvedFile, ...ResolvedFile[]];
  const manifest = JSON.parse(manifestFile.text) as Record<string, unknown>;
  const problems = validateManifest(manifest).map((p) => `manifest.json ${p}`);
  const manifestVersion = String(manifest.manifestVersion);
  for (const file of localizationFiles) {
    problems.push(
      ...validateLocalization(JSON.parse(file.text), manifestVersion).map(
        (p) => `${file.name} ${p}`,
      ),
    );
  }

  const icons = manifest.icons as { color?: string; outline?: string } | undefined;
  const iconNames = [icons?.color, icons?.outline].filter(
    (name): name is string => name !== undefined,
  );
  const iconData = new Map<string, Buffer>();
  for (const name of iconNames) {
    const path = join(appPackageDir, name);
    if (existsSync(path)) iconData.set(name, readFileSync(path));
    else problems.push(`${name} is referenced by manifest.json but missing from appPackage/`);
  }
  const color = icons?.color === undefined ? undefined : iconData.get(icons.color);
  const outline = icons?.outline === undefined ? undefined : iconData.get(icons.outline);
  if (color !== undefined && outline !== undefined) problems.push(...checkIcons(color, outline));

  if (problems.length > 0) {
    throw new PackageError(`The app package for '${options.envName}' is invalid:`, problems);
  }

  const zip = new JSZip();
  for (const file of resolved) zip.file(file.name, file.text, { date: ZIP_ENTRY_DATE });
  for (const [name, data] of iconData) zip.file(name, data, { date: ZIP_ENTRY_DATE });
  const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });

  mkdirSync(options.outDir, { recursive: true });
  const zipPath = join(options.outDir, `appPackage.${options.envName}.zip`);
  writeFileSync(zipPath, archive);
  return zipPath;
}

const USAGE = 'Usage: npm run package -- [--env local|dev|<name>] [--out DIR] [--env-dir DIR]';

/** Reads `--env`, `--out` and `--env-dir` (also as `--flag=value`); defaults: local, appPackage/build, env/. */
export function parseArguments(argv: string[]): {
  envName: string;
  outDir: string;
  envDir: string;
} {
  const result = {
    envName: 'local',
    outDir: join(ROOT, 'appPackage', 'build'),
    envDir: join(ROOT, 'env'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? (arg.split(/=(.*)/s, 2) as [string, string])
      : [arg, undefined];
    const value = inline ?? argv[++i];
    if (value === undefined || value === '')
      throw new PackageError(USAGE, [`${flag} needs a value`]);
    if (flag === '--env') result.envName = value;
    else if (flag === '--out') result.outDir = resolve(value);
    else if (flag === '--env-dir') result.envDir = resolve(value);
    else throw new PackageError(USAGE, [`unknown argument ${arg}`]);
  }
  // The name becomes part of file paths: keep it to the toolkit's environment-name characters.
  if (!/^[A-Za-z0-9_-]+$/.test(result.envName)) {
    throw new PackageError(USAGE, [`invalid environment name '${result.envName}'`]);
  }
  return result;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  try {
    const args = parseArguments(argv);
    const zipPath = await buildAppPackage(args);
    console.log(`Teams app package written to ${zipPath}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}

if (require.main === module) {
  void main();
}
