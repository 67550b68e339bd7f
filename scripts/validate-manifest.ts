import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';

/** Folder of the official Teams JSON schemas shipped by `@microsoft/app-manifest`. */
const SCHEMA_ROOT = join(
  dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

const compiled = new Map<string, ValidateFunction>();

function loadValidator(schemaFile: string): ValidateFunction {
  const cached = compiled.get(schemaFile);
  if (cached !== undefined) return cached;
  // The Teams schemas declare draft-04; Ajv's core only speaks draft-06 and later.
  const ajv = new Ajv({
    allErrors: true,
    // The schemas leave `type` implicit next to keywords such as maxItems: valid JSON Schema, which strictTypes rejects.
    strictTypes: false,
    // The localisation schema has patterns such as `\b]` that are valid JS regexps but invalid with the `u` flag.
    unicodeRegExp: false,
  });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
  const validate = ajv.compile(schema);
  compiled.set(schemaFile, validate);
  return validate;
}

function schemaFileFor(manifestVersion: string, kind: 'manifest' | 'localization'): string {
  const name =
    kind === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json';
  return join(SCHEMA_ROOT, `v${manifestVersion}`, name);
}

/** Turns an Ajv error into one line naming the JSON path, e.g. `/name/short must NOT have more than 30 characters`. */
export function describeSchemaError(error: ErrorObject): string {
  const path = error.instancePath === '' ? '/' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = '';
  if (Array.isArray(params.allowedValues))
    detail = ` (${params.allowedValues.map(String).join(', ')})`;
  else if (typeof params.additionalProperty === 'string')
    detail = ` ('${params.additionalProperty}')`;
  else if (params.allowedValue !== undefined) detail = ` (${JSON.stringify(params.allowedValue)})`;
  return `${path} ${error.message ?? 'is invalid'}${detail}`;
}

function readManifestVersion(manifest: unknown): string | undefined {
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  const version = (manifest as Record<string, unknown>).manifestVersion;
  return typeof version === 'string' ? version : undefined;
}

/**
 * Validates a Teams app manifest against the official schema of its `manifestVersion`.
 * Returns one line per problem, each naming the field; an empty list means valid.
 */
export function validateManifest(manifest: unknown): string[] {
  const version = readManifestVersion(manifest);
  if (version === undefined) return ['/manifestVersion is missing or not a string'];
  const schemaFile = schemaFileFor(version, 'manifest');
  if (!existsSync(schemaFile)) {
    return [`/manifestVersion ${version} has no schema in @microsoft/app-manifest`];
  }
  const validate = loadValidator(schemaFile);
  return validate(manifest) ? [] : (validate.errors ?? []).map(describeSchemaError);
}

/** Validates a localisation file (fr.json, en.json) against the localisation schema of the manifest's version. */
export function validateLocalization(localization: unknown, manifestVersion: string): string[] {
  const schemaFile = schemaFileFor(manifestVersion, 'localization');
  if (!existsSync(schemaFile)) {
    return [
      `no localisation schema for manifest version ${manifestVersion} in @microsoft/app-manifest`,
    ];
  }
  const validate = loadValidator(schemaFile);
  return validate(localization) ? [] : (validate.errors ?? []).map(describeSchemaError);
}

/** Checks the rules Teams applies to icons that no JSON schema can express: sizes, and a white-on-transparent outline. */
export function checkIcons(colorPng: Buffer, outlinePng: Buffer): string[] {
  const problems: string[] = [];
  const color = PNG.sync.read(colorPng);
  if (color.width !== 192 || color.height !== 192) {
    problems.push(`color icon is ${color.width}×${color.height}, Teams requires 192×192`);
  }
  const outline = PNG.sync.read(outlinePng);
  if (outline.width !== 32 || outline.height !== 32) {
    problems.push(`outline icon is ${outline.width}×${outline.height}, Teams requires 32×32`);
  }
  const data = outline.data;
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]!;
    const white = data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255;
    if (alpha !== 0 && !white) {
      problems.push('outline icon must be white on a transparent background');
      break;
    }
  }
  return problems;
}
