/**
 * `npm run release` end to end, as an M&E lead receives it: the zip is unpacked into a folder of its own, far from
 * the repository, `npm ci --omit=dev` runs there, then merge, validate and templates; no developer tool is installed.
 * Then what the release refuses: no production URL, a placeholder one, an output folder where inputs are.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { tempDir } from '../fixtures/workbooks';

const REPO = path.resolve(__dirname, '..', '..');
const URL = 'https://complements.amss-mali.org/ensemble/';
const VERSION = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const NAME = `ensemble-me-${VERSION}`;
const tmp = tempDir('release');
const out = path.join(tmp.dir, 'out');
const unpacked = path.join(tmp.dir, 'unpacked');
const kit = path.join(unpacked, NAME);
afterAll(() => tmp.remove());

/** The environment without what a developer's npm run would pass down (npm_config_*, the production URL). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'ADDIN_PRODUCTION_URL'),
  );
  return { ...env, ...extra };
}

function npm(args: string[], cwd: string, env = cleanEnv()) {
  const result = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 600_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let seconds = 0;
beforeAll(async () => {
  const start = Date.now();
  const made = npm(['run', 'release', '--', '--out', out], REPO, cleanEnv({ ADDIN_PRODUCTION_URL: URL }));
  seconds = (Date.now() - start) / 1000;
  if (made.code !== 0) throw new Error(`npm run release failed: ${made.stderr}`);
  const zip = await JSZip.loadAsync(readFileSync(path.join(out, `${NAME}.zip`)));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const file = path.join(unpacked, entry.name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await entry.async('nodebuffer'));
  }
}, 600_000);

/** Every file under a folder, relative, sorted. */
const filesUnder = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );

test('the zip holds exactly the unpacked folder: add-in, templates, compiled commands, package, guides', () => {
  process.stderr.write(`npm run release: ${seconds.toFixed(1)} s\n`);
  const files = filesUnder(kit).sort();
  expect(files).toEqual(filesUnder(path.join(out, NAME)).sort());
  for (const file of [
    'package.json',
    'package-lock.json',
    'LISEZMOI.md',
    'complement-excel/manifest.xml',
    'complement-excel/taskpane.html',
    'build/cli/merge.js',
    'build/cli/validate.js',
    'build/cli/templates.js',
    'build/cli/worker.js',
    'build/cli/exceljs-worker.js',
    'templates/framework.json',
    'templates/communes/ensemble-gao_BAR_Bara.xlsx',
    'templates/exemples/ensemble-gao_BAR_Bara_2023.xlsx',
    'guides/guide-coordinateur.md',
    'guides/guide-coordinateur.html',
    'guides/guide-responsable-se.md',
    'guides/guide-responsable-se.html',
  ])
    expect(files).toContain(file);
  // No source, no map, no developer file.
  expect(files.filter((f) => /\.(ts|map)$|^(core|pipeline|addin|tests|node_modules)\//.test(f))).toEqual([]);
});

test('the manifest points at the production URL only', () => {
  const manifest = readFileSync(path.join(kit, 'complement-excel', 'manifest.xml'), 'utf8');
  // Every URL Office loads: icons, pages, support.
  const urls = [...manifest.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!);
  expect(urls.length).toBeGreaterThan(5);
  expect(urls.filter((u) => !u.startsWith(URL))).toEqual([]);
  expect(manifest).not.toMatch(/https?:\/\/(localhost|example\.org)/);
});

test('the package has no dependency and runs the compiled commands; its lock file lists nothing to install', () => {
  const pkg = JSON.parse(readFileSync(path.join(kit, 'package.json'), 'utf8')) as Record<string, unknown>;
  expect(pkg.dependencies).toBeUndefined();
  expect(pkg.devDependencies).toBeUndefined();
  expect(pkg.scripts).toEqual({
    merge: 'node build/cli/merge.js',
    validate: 'node build/cli/validate.js',
    templates: 'node build/cli/templates.js',
  });
  const lock = JSON.parse(readFileSync(path.join(kit, 'package-lock.json'), 'utf8')) as { packages: object };
  expect(Object.keys(lock.packages)).toEqual(['']);
});

test('npm ci --omit=dev, then merge, validate and templates work there, with no developer tool installed', () => {
  const ci = npm(['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], kit);
  expect(ci.code).toBe(0);
  const modules = path.join(kit, 'node_modules');
  const installed = existsSync(modules) ? readdirSync(modules) : [];
  for (const tool of ['typescript', 'webpack', 'jest', 'tsx', 'ts-loader', 'ts-jest'])
    expect(installed).not.toContain(tool);

  const merge = npm(['run', 'merge'], kit);
  expect(merge.code).toBe(0);
  expect(merge.stdout).toMatch(/4 fichier\(s\) : 4 accepté\(s\), 0 refusé\(s\)/);
  expect(merge.stderr).not.toMatch(/Warning|Attention|Error|Erreur/);
  expect(existsSync(path.join(kit, 'out', 'ensemble-gao_consolidation.xlsx'))).toBe(true);

  // A folder with a broken file: the others are consolidated, the exit code says one was refused.
  const inbox = path.join(tmp.dir, 'recues');
  mkdirSync(inbox);
  for (const name of readdirSync(path.join(kit, 'templates', 'exemples')))
    copyFileSync(path.join(kit, 'templates', 'exemples', name), path.join(inbox, name));
  writeFileSync(path.join(inbox, 'casse.xlsx'), 'pas un classeur');
  const partial = npm(['run', 'merge', '--', '--input', inbox, '--output', path.join(tmp.dir, 'conso.xlsx')], kit);
  expect(partial.code).toBe(1);
  expect(partial.stdout).toMatch(/5 fichier\(s\) : 4 accepté\(s\), 1 refusé\(s\)/);
  expect(existsSync(path.join(tmp.dir, 'conso.xlsx'))).toBe(true);

  const example = path.join('templates', 'exemples', 'ensemble-gao_BAR_Bara_2023.xlsx');
  const valid = npm(['run', 'validate', '--', example], kit);
  expect(valid.code).toBe(0);
  expect(valid.stdout).toMatch(/Bilan : valide – 0 erreur/);
  const notWorkbook = path.join(tmp.dir, 'pas-un-classeur.xlsx');
  writeFileSync(notWorkbook, 'ceci n’est pas un classeur');
  const unusable = npm(['run', 'validate', '--', notWorkbook], kit);
  expect(unusable.code).toBe(2);

  const dir = path.join(tmp.dir, 'modeles');
  const templates = npm(['run', 'templates', '--', '--period', '2023', '--out', dir], kit);
  expect(templates.code).toBe(0);
  expect(readdirSync(dir).sort()).toEqual([
    'ensemble-gao_ANS_Ansongo_2023.xlsx',
    'ensemble-gao_BAR_Bara_2023.xlsx',
    'ensemble-gao_GNZ_Gounzoureye_2023.xlsx',
    'ensemble-gao_SAL_Soni-Aliber_2023.xlsx',
  ]);
}, 300_000);

test('the guides are there as Markdown and as HTML for A4, rendered from the same text', () => {
  for (const [name, title] of [
    ['guide-coordinateur', 'Guide du coordinateur'],
    ['guide-responsable-se', 'Guide du responsable S&amp;E'],
  ]) {
    const md = readFileSync(path.join(kit, 'guides', `${name}.md`), 'utf8');
    expect(md).toBe(readFileSync(path.join(REPO, 'docs', 'guides', `${name}.md`), 'utf8'));
    const html = readFileSync(path.join(kit, 'guides', `${name}.html`), 'utf8');
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain('@page { size: A4;');
    // Rendered: no Markdown mark is left in the text.
    expect(html.replace(/<code>[^<]*<\/code>/g, '')).not.toMatch(/\*\*|```|^#+ |^\|/m);
  }
  const lead = readFileSync(path.join(kit, 'guides', 'guide-responsable-se.html'), 'utf8');
  expect(lead).toContain('Applications intégrées › Charger des applications personnalisées');
  const coordinator = readFileSync(path.join(kit, 'guides', 'guide-coordinateur.html'), 'utf8');
  expect(coordinator).toContain('Accueil › Compléments');
});

describe('refusals: nothing is built', () => {
  const refused = (env: Record<string, string>, args: string[]) => {
    const result = npm(['run', 'release', '--', ...args], REPO, cleanEnv(env));
    return { code: result.code, stderr: result.stderr };
  };
  const elsewhere = path.join(tmp.dir, 'refused');

  test('without ADDIN_PRODUCTION_URL, or with a placeholder or plain http one', () => {
    const missing = refused({}, ['--out', elsewhere]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /Erreur : Version refusée : adresse HTTPS du complément non définie\. .*ADDIN_PRODUCTION_URL=https:/,
    );
    expect(
      refused({ ADDIN_PRODUCTION_URL: 'https://example.org/ensemble-addin/' }, ['--out', elsewhere]).stderr,
    ).toMatch(/adresse d’exemple/);
    // The example addresses of the README and of the refusal message itself are refused too.
    expect(
      refused({ ADDIN_PRODUCTION_URL: 'https://complements.exemple-ong.org/ensemble/' }, ['--out', elsewhere]).stderr,
    ).toMatch(/adresse d’exemple/);
    expect(refused({ ADDIN_PRODUCTION_URL: 'http://complements.amss-mali.org/' }, ['--out', elsewhere]).stderr).toMatch(
      /https:\/\//,
    );
    expect(existsSync(elsewhere)).toBe(false);
  }, 120_000);

  test('an output folder in the repository outside release/, or one that holds the repository', () => {
    const env = { ADDIN_PRODUCTION_URL: URL };
    const inTemplates = refused(env, ['--out', path.join(REPO, 'templates', 'sortie')]);
    expect(inTemplates.code).toBe(2);
    expect(inTemplates.stderr).toMatch(/ne s’écrit que sous release\//);
    expect(existsSync(path.join(REPO, 'templates', 'sortie'))).toBe(false);
    expect(refused(env, ['--out', path.dirname(REPO)]).stderr).toMatch(/contient le dépôt/);
  }, 120_000);
});
