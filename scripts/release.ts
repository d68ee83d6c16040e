/**
 * `ADDIN_PRODUCTION_URL=https://… npm run release [-- --out DIR]`: the toolkit as an M&E lead receives it, with no
 * repository and no developer tools. Writes DIR/ensemble-me-<version>/ and DIR/ensemble-me-<version>.zip (DIR:
 * release/ by default) holding:
 *   complement-excel/   the add-in's static site built for the production URL, with its manifest
 *   templates/          framework, commune templates, example workbooks (and the quarterly example)
 *   build/cli/          the compiled commands (webpack.cli.config.js: no runtime dependency)
 *   package.json        scripts merge, validate, templates; no dependency; its package-lock.json
 *   guides/             « Guide du coordinateur », « Guide du responsable S&E » (Markdown, and HTML for A4)
 *   LISEZMOI.md
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { guidePage, markdownToHtml } from './release/markdown';

const ROOT = path.resolve(__dirname, '..');
const GUIDES = path.join(ROOT, 'docs', 'guides');
/** The repository's own release folder: the only place inside the repository a release may be written. */
const DEFAULT_OUT = path.join(ROOT, 'release');

/** The add-in build (plain JavaScript): its production-URL rules are the release's. */
interface AddinBuild {
  productionUrl(env: { productionUrl: string }): string;
  BuildRefused: new (message: string) => Error;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript without declarations, typed above
const addinBuild = require(path.join(ROOT, 'webpack.config.js')) as AddinBuild;

/** A refusal with its one-line message (exit code 2). */
export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

interface Package {
  name: string;
  version: string;
  description?: string;
  license?: string;
}

/** The production URL from the environment, by the add-in build's own rules (webpack.config.js): one check, one message. */
export function checkProductionUrl(raw: string | undefined): string {
  try {
    return addinBuild.productionUrl({ productionUrl: (raw ?? '').trim() });
  } catch (error) {
    if (error instanceof addinBuild.BuildRefused)
      throw new ReleaseError(error.message.replace('Construction de production refusée', 'Version refusée'));
    throw error;
  }
}

/** `dir`'s real path, through the part of it that exists (links resolved), the rest appended. */
function realPathOf(dir: string): string {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (!existsSync(at)) {
    missing.unshift(path.basename(at));
    at = path.dirname(at);
  }
  return path.join(realpathSync(at), ...missing);
}

const isWithin = (dir: string, parent: string): boolean => {
  const rel = path.relative(parent, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * Where a release may be written: release/ of the repository (or below it), or a folder outside the repository
 * that does not contain it. Anywhere else in the repository (templates/, the sources…) holds inputs.
 */
export function checkOutDir(out: string): string {
  const target = realPathOf(out);
  const root = realpathSync(ROOT);
  if (isWithin(root, target))
    throw new ReleaseError(
      `--out ${out} : ce dossier contient le dépôt ; choisissez release/ ou un dossier vide à part`,
    );
  if (isWithin(target, root) && !isWithin(target, realPathOf(DEFAULT_OUT)))
    throw new ReleaseError(
      `--out ${out} : dans le dépôt, une version ne s’écrit que sous release/ (ailleurs sont les sources et les modèles)`,
    );
  return target;
}

function runNode(args: string[], env: NodeJS.ProcessEnv, what: string): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) {
    const detail = `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-15).join('\n');
    throw new ReleaseError(`${what} a échoué :\n${detail}`);
  }
}

const webpack = path.join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js');

/** The package.json of the release: its scripts run the compiled commands; nothing to install. */
function releasePackage(pkg: Package): { json: object; lock: object } {
  const name = 'ensemble-me';
  const json = {
    name,
    version: pkg.version,
    private: true,
    description: pkg.description,
    license: pkg.license,
    engines: { node: '>=20' },
    scripts: {
      merge: 'node build/cli/merge.js',
      validate: 'node build/cli/validate.js',
      templates: 'node build/cli/templates.js',
    },
  };
  const lock = {
    name,
    version: pkg.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name, version: pkg.version, license: pkg.license, engines: { node: '>=20' } } },
  };
  return { json, lock };
}

const GUIDE_FILES = ['guide-coordinateur', 'guide-responsable-se'];

function writeGuides(into: string): void {
  mkdirSync(into, { recursive: true });
  for (const name of GUIDE_FILES) {
    const markdown = readFileSync(path.join(GUIDES, `${name}.md`), 'utf8');
    const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? name;
    writeFileSync(path.join(into, `${name}.md`), markdown);
    writeFileSync(path.join(into, `${name}.html`), guidePage(title, markdownToHtml(markdown)));
  }
}

function readme(version: string, url: string): string {
  return `# Ensemble pour un avenir meilleur – outils de suivi-évaluation ${version}

Complément Excel publié pour : ${url}

- \`guides/guide-responsable-se.html\` : héberger et déployer le complément, préparer les fiches, consolider
  (à lire en premier) ;
- \`guides/guide-coordinateur.html\` : à envoyer aux coordinateurs des communes.

Avec Node.js 20 ou plus, dans ce dossier :

\`\`\`sh
npm ci --omit=dev                                  # rien à télécharger
npm run merge                                      # consolide les exemples → out/ensemble-gao_consolidation.xlsx
npm run merge -- --input DOSSIER --output sortie.xlsx
npm run validate -- FICHE.xlsx
npm run templates -- --period 2023 --out DOSSIER
\`\`\`
`;
}

/** Every file under `dir`, as paths relative to it with / separators, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), rel) : [rel];
    });
}

export interface Release {
  folder: string;
  zip: string;
  files: number;
}

/** Builds the release into `out` (checked by checkOutDir) for the add-in served at `productionUrl`. */
export async function release(out: string, productionUrl: string, log: (line: string) => void): Promise<Release> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Package;
  const name = `ensemble-me-${pkg.version}`;
  const folder = path.join(out, name);
  const zipFile = path.join(out, `${name}.zip`);
  rmSync(folder, { recursive: true, force: true });
  rmSync(zipFile, { force: true });
  mkdirSync(folder, { recursive: true });
  try {
    log(`Complément pour ${productionUrl}…`);
    runNode(
      [webpack, '--mode', 'production', '--env', `outputPath=${path.join(folder, 'complement-excel')}`],
      { ...process.env, ADDIN_PRODUCTION_URL: productionUrl },
      'La construction du complément (webpack --mode production)',
    );
    // The size report of the build is for developers, not part of the site.
    rmSync(path.join(folder, 'complement-excel', 'bundle-size.json'), { force: true });
    log('Commandes compilées…');
    runNode(
      [webpack, '--config', 'webpack.cli.config.js', '--env', `outputPath=${path.join(folder, 'build', 'cli')}`],
      process.env,
      'La compilation des commandes (webpack.cli.config.js)',
    );
    log('Modèles, exemples, guides…');
    cpSync(path.join(ROOT, 'templates'), path.join(folder, 'templates'), { recursive: true });
    const { json, lock } = releasePackage(pkg);
    writeFileSync(path.join(folder, 'package.json'), `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync(path.join(folder, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
    writeGuides(path.join(folder, 'guides'));
    writeFileSync(path.join(folder, 'LISEZMOI.md'), readme(pkg.version, productionUrl));

    const zip = new JSZip();
    const files = filesUnder(folder);
    for (const file of files) zip.file(`${name}/${file}`, readFileSync(path.join(folder, file)));
    writeFileSync(
      zipFile,
      await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }),
    );
    return { folder, zip: zipFile, files: files.length };
  } catch (err) {
    rmSync(folder, { recursive: true, force: true });
    throw err;
  }
}

export async function run(argv: string[]): Promise<number> {
  try {
    const at = argv.indexOf('--out');
    if (at >= 0 && !argv[at + 1]) throw new ReleaseError('--out : un dossier est attendu');
    const unknown = argv.filter((_arg, i) => i !== at && i !== at + 1);
    if (unknown.length > 0)
      throw new ReleaseError(`argument inconnu « ${unknown[0]} » ; usage : npm run release [-- --out DOSSIER]`);
    const productionUrl = checkProductionUrl(process.env.ADDIN_PRODUCTION_URL);
    const out = checkOutDir(at >= 0 ? argv[at + 1]! : DEFAULT_OUT);
    const made = await release(out, productionUrl, (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(`Version écrite : ${made.zip} (${made.files} fichiers), dépliée dans ${made.folder}\n`);
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Erreur : ${message}\n`);
    return 2;
  }
}

if (require.main === module)
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
