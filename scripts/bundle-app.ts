import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import JSZip from 'jszip';

const ROOT = resolve(__dirname, '..');

/** The zip `npm run bundle` writes and the deployment sends to the staging slot. */
export const BUNDLE_PATH = join('build', 'labbot-deploy.zip');

// A fixed timestamp on every zip entry makes two bundles of the same files byte-identical.
const ZIP_ENTRY_DATE = new Date(Date.UTC(2024, 0, 1));

/**
 * The rules of infra/webapp.ignore (gitignore syntax), plus the bundle's own folder so a bundle
 * never contains the previous one.
 */
export function readIgnoreRules(root: string = ROOT): Ignore {
  return ignore()
    .add(readFileSync(join(root, 'infra', 'webapp.ignore'), 'utf8'))
    .add('build/');
}

/** Every file under `root` the rules keep, as sorted forward-slash paths relative to `root`. */
export function listBundleFiles(root: string, rules: Ignore): string[] {
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      const name = relative(root, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!rules.ignores(`${name}/`)) walk(path);
      } else if (entry.isFile() && !rules.ignores(name)) {
        files.push(name);
      }
    }
  };
  walk(root);
  return files.sort();
}

/** Zips the project for App Service, leaving out what infra/webapp.ignore names; returns the files. */
export async function bundleApp(root: string = ROOT, out: string = join(root, BUNDLE_PATH)) {
  const files = listBundleFiles(root, readIgnoreRules(root));
  const zip = new JSZip();
  for (const file of files) {
    zip.file(file, readFileSync(join(root, file)), { date: ZIP_ENTRY_DATE });
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return files;
}

if (require.main === module) {
  bundleApp().then(
    (files) => {
      process.stdout.write(`${BUNDLE_PATH}: ${files.length} files\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
