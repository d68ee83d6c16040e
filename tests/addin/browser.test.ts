/**
 * The built task pane in a real browser (headless Chromium), with a fake Office/Excel host served in
 * place of Microsoft's office.js: nothing leaves the machine (every other request is aborted).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import webpack from 'webpack';
import { formatNumber, renderIssue } from '../../core/messages';
import type { Report } from '../../core/report';
import { validate } from '../../core/validate';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import { BundleSizePlugin, ROOT, webpackConfig } from '../helpers/build-config';
import {
  framework,
  inputAddress,
  seededIndicators,
  tempDir,
  writeExample,
  writeLateJustified,
  writeSeeded,
  XSS,
} from './helpers/fixtures';
import { snapshotFile, type WorkbookSnapshot } from './helpers/snapshot';
import { manifestProblems } from './helpers/manifest-check';

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** A plausible production folder (never fetched: the pane is served from 127.0.0.1). */
const PRODUCTION_URL = 'https://plan-mali.github.io/ensemble-addin/';
const FAKE_OFFICE = readFileSync(path.join(__dirname, 'fake-office.js'), 'utf8');

function compile(config: webpack.Configuration): Promise<webpack.Stats> {
  return new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err || !stats) reject(err ?? new Error('no stats'));
      else resolve(stats);
    }),
  );
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.png': 'image/png',
    '.xml': 'application/xml',
    '.json': 'application/json',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('task pane in a browser', () => {
  let dist: string;
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  let seeded: WorkbookSnapshot;
  let example: WorkbookSnapshot;
  let lateJustified: WorkbookSnapshot;
  let untargeted: WorkbookSnapshot;
  let expected: Report;
  const outside: string[] = [];

  beforeAll(async () => {
    dist = tempDir('addin-dist-');
    const stats = await compile(
      await webpackConfig({ outputPath: dist, productionUrl: PRODUCTION_URL }, { mode: 'production' }),
    );
    expect(stats.hasErrors()).toBe(false);
    const dir = tempDir();
    const seededFile = await writeSeeded(dir);
    seeded = await snapshotFile(seededFile);
    example = await snapshotFile(await writeExample(dir));
    lateJustified = await snapshotFile(await writeLateJustified(dir));
    untargeted = await snapshotFile(await writeExample(dir, '2024'));
    expected = validate(await readWorkbookFile(seededFile), framework());
    server = await serve(dist);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    expect(outside).toEqual([]);
  });

  /** Opens the pane over a workbook; office.js is the fake; anything else off this machine is refused. */
  async function open(
    workbook: WorkbookSnapshot,
    config: { apiVersion?: string; displayLanguage?: string } = {},
  ): Promise<{ page: Page; dialogs: string[] }> {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS)
        return route.fulfill({
          contentType: 'text/javascript',
          body: `window.__FAKE_WORKBOOK__ = ${JSON.stringify(workbook)};\nwindow.__FAKE_CONFIG__ = ${JSON.stringify(config)};\n${FAKE_OFFICE}`,
        });
      if (url.startsWith(`${origin}/`)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await page.goto(`${origin}/taskpane.html`);
    await page.waitForSelector('#actions:not([hidden])');
    return { page, dialogs };
  }

  it('validates the workbook and lists the issues grouped by sheet, cell text shown as text', async () => {
    const { page, dialogs } = await open(seeded);
    expect(await page.title()).toBe('Contrôles S&E');
    await page.getByRole('button', { name: 'Valider le classeur' }).click();
    await page.waitForSelector('#results button.issue');

    const items = await page.$$eval('#results button.issue', (buttons) =>
      buttons.map((b) => b.querySelector('.message')!.textContent),
    );
    expect(items).toEqual(
      expected.issues
        .filter((i) => i.sheet === null)
        .concat(expected.issues.filter((i) => i.sheet !== null))
        .map((i) => renderIssue(i, 'fr')),
    );
    expect(await page.textContent('#results .counts')).toContain(`Erreurs : ${expected.stats.errors}`);
    expect(await page.textContent('#results .counts')).toContain(`Avertissements : ${expected.stats.warnings}`);
    const groups = await page.$$eval('#results section.sheet-group h3', (hs) => hs.map((h) => h.textContent));
    expect(groups).toEqual(
      [...new Set(expected.issues.map((i) => i.sheet ?? 'Classeur'))].sort((a, b) =>
        a === 'Classeur' ? -1 : b === 'Classeur' ? 1 : 0,
      ),
    );

    // The cell holding markup: its text is in the message, no element was made of it, nothing ran.
    const xss = page.locator('#results button.issue', { hasText: XSS });
    await expect(xss.count()).resolves.toBe(1);
    expect(await xss.locator('.message').textContent()).toContain(XSS);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // Summary of the commune.
    expect(await page.textContent('#summary')).toContain('Gounzourèye (GNZ)');
    expect(await page.textContent('#summary dl')).toContain(
      `${expected.stats.filled} cellules remplies sur ${expected.stats.inputs}`,
    );
    const { plain } = seededIndicators();
    expect(await page.locator(`#summary tr[data-code="${plain[1]}"] td`).allTextContents()).toEqual([
      plain[1],
      expect.any(String),
      expect.any(String),
      formatNumber(1250, 'fr'),
      expect.stringMatching(/ %$|^—$/),
    ]);
    await page.close();
  });

  it('selects the cell of a clicked issue in Excel', async () => {
    const { page } = await open(seeded);
    await page.getByRole('button', { name: 'Valider le classeur' }).click();
    const target = expected.issues.find((i) => i.ruleId === 'excel-error')!;
    await page
      .locator(`#results section[data-sheet="${target.sheet}"] button.issue[data-address="${target.address}"]`)
      .first()
      .click();
    await page.waitForFunction(
      () => (window as unknown as { __fake: { state: { selected: unknown } } }).__fake.state.selected !== null,
    );
    const selected = await page.evaluate(
      () => (window as unknown as { __fake: { state: { selected: unknown; active: string } } }).__fake.state,
    );
    expect(selected.selected).toEqual({ sheet: target.sheet, address: target.address });
    expect(selected.active).toBe(target.sheet);
    await page.close();
  });

  it('highlights problem cells and restores the original fills', async () => {
    const { page } = await open(seeded);
    await page.getByRole('button', { name: 'Valider le classeur' }).click();
    await page.waitForSelector('#results button.issue');
    const cell = inputAddress(`indicators:${seededIndicators().plain[0]}:achieved`);
    const fill = () =>
      page.evaluate(
        ({ sheet, address }) =>
          (window as unknown as { __fake: { fill(s: string, a: string): string | null } }).__fake.fill(sheet, address),
        cell,
      );
    expect(await fill()).toBe('#FFF2CC');
    await page.getByRole('button', { name: 'Surligner' }).click();
    await page.waitForSelector('#status:has-text("Cellules surlignées")');
    expect(await fill()).toBe('#FF9B9B');
    await page.getByRole('button', { name: 'Effacer les surlignages' }).click();
    await page.waitForSelector('#status:has-text("Couleurs d’origine remises")');
    expect(await fill()).toBe('#FFF2CC');
    const protectedAfter = await page.evaluate(
      () =>
        (window as unknown as { __fake: { sheet(s: string): { protection: { protected: boolean } } } }).__fake.sheet(
          'Indicateurs',
        ).protection.protected,
    );
    expect(protectedAfter).toBe(true);
    await page.close();
  });

  it('re-validates by itself after an edit (ExcelApi 1.7 events)', async () => {
    const { page } = await open(seeded);
    await page.getByRole('button', { name: 'Valider le classeur' }).click();
    await page.waitForSelector('#results button.issue');
    expect(await page.textContent('#live-hint')).toMatch(/Vérification automatique/);
    const cell = inputAddress(`indicators:${seededIndicators().plain[1]}:achieved`);
    const selector = `#results section[data-sheet="${cell.sheet}"] button.issue[data-address="${cell.address}"][data-rule="number-as-text"]`;
    expect(await page.locator(selector).count()).toBe(1);
    const before = await page.locator('#results button.issue').count();
    await page.evaluate(
      ({ sheet, address }) =>
        (window as unknown as { __fake: { edit(s: string, a: string, v: unknown): void } }).__fake.edit(
          sheet,
          address,
          1250,
        ),
      cell,
    );
    await page.waitForSelector(selector, { state: 'detached', timeout: 5000 });
    expect(await page.locator('#results button.issue').count()).toBe(before - 1);
    await page.close();
  });

  it('words a late entry and a justified overspend as the coordinator reads them: French dates, no « Justifiez »', async () => {
    const { page } = await open(lateJustified);
    await page.getByRole('button', { name: 'Valider le classeur' }).click();
    await page.waitForSelector('#results button.issue');
    const items = await page.$$eval('#results button.issue', (buttons) =>
      buttons.map((b) => `${b.querySelector('.severity')!.textContent} | ${b.querySelector('.message')!.textContent}`),
    );
    expect(items).toEqual([
      'Avertissement | Saisie du 04/05/2024, après la date limite du 29/04/2024 pour la période 2023 (5 jour(s) de retard) : les chiffres sont gardés, le retard est signalé.',
      expect.stringMatching(
        /^Information \| BUD-3 : dépensé .* FCFA prévus \(dépassement de 100\u202f000 FCFA\), justifié en commentaire : « Hausse du prix du carburant »\.$/,
      ),
    ]);
    expect(await page.textContent('#results .counts')).toContain('Erreurs : 0');
    await page.close();
  });

  it('shows the all-good state on a correct workbook', async () => {
    const { page } = await open(example);
    await page.getByRole('button', { name: 'Valider le classeur' }).click();
    await page.waitForSelector('#results .all-good');
    expect(await page.textContent('#results .counts')).toContain('Erreurs : 0');
    expect(await page.textContent('#summary')).toContain('100 %');
    await page.close();
  });

  it('a period without targets: the summary says « cible non définie », never a rate against the whole project', async () => {
    const { page } = await open(untargeted);
    await page.getByRole('button', { name: 'Valider le classeur' }).click();
    await page.waitForSelector('#results .all-good');
    const planned = await page.$$eval('#summary td.undefined-target', (cells) => cells.map((c) => c.textContent));
    expect(planned).toHaveLength(framework().indicators.length);
    expect(new Set(planned)).toEqual(new Set(['cible non définie']));
    // No rate anywhere in the tables (completeness keeps its own percentage above them).
    expect(
      (await page.$$eval('#summary table', (tables) => tables.map((t) => t.textContent).join(''))).includes('%'),
    ).toBe(false);
    expect(await page.textContent('#summary .budget')).toMatch(
      /FCFA dépensés ; pas de budget prévu pour cette période dans le cadre$/,
    );
    await page.close();
  });

  it('creates the template of a chosen commune in a blank workbook', async () => {
    const blank: WorkbookSnapshot = {
      sheets: [
        {
          name: 'Feuil1',
          visibility: 'Visible',
          rowIndex: 0,
          columnIndex: 0,
          values: [['']],
          formulas: [['']],
          numberFormat: [['General']],
          valueTypes: [['Empty']],
        },
      ],
    };
    const { page } = await open(blank);
    await page.getByRole('button', { name: 'Valider le classeur' }).click();
    await page.waitForSelector('#not-template:not([hidden])');
    expect(await page.textContent('#not-template')).toContain('n’est pas une fiche de suivi');
    expect(await page.locator('#commune-select option').allTextContents()).toEqual(
      framework().communes.map((c) => `${c.name} (${c.code})`),
    );
    await page.selectOption('#commune-select', 'BAR');
    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await page.waitForSelector('#status:has-text("Fiche de Bara créée")');
    const sheets = await page.evaluate(() =>
      (
        window as unknown as { __fake: { state: { sheets: { name: string; visibility: string }[] } } }
      ).__fake.state.sheets.map((s) => `${s.name}:${s.visibility}`),
    );
    expect(sheets).toEqual([
      'Identification:Visible',
      'Indicateurs:Visible',
      'Budget:Visible',
      'Bénéficiaires:Visible',
      'Instructions:Visible',
      '_meta:VeryHidden',
    ]);
    expect(await page.textContent('#summary')).toContain('Bara (BAR)');
    expect(await page.locator('#results button.issue').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('creates the template of a chosen period, its targets in Prévu and the period locked', async () => {
    const blank: WorkbookSnapshot = {
      sheets: [
        {
          name: 'Feuil1',
          visibility: 'Visible',
          rowIndex: 0,
          columnIndex: 0,
          values: [['']],
          formulas: [['']],
          numberFormat: [['General']],
          valueTypes: [['Empty']],
        },
      ],
    };
    const { page } = await open(blank);
    await page.getByRole('button', { name: 'Valider le classeur' }).click();
    await page.waitForSelector('#not-template:not([hidden])');
    expect(await page.locator('#period-select option').allTextContents()).toEqual([
      'à choisir dans la fiche',
      '2023',
      '2024',
    ]);
    expect(await page.inputValue('#period-select')).toBe('');
    await page.selectOption('#commune-select', 'SAL');
    await page.selectOption('#period-select', '2023');
    await page.getByRole('button', { name: 'Créer le modèle' }).click();
    await page.waitForSelector('#status:has-text("Fiche de Soni Aliber pour 2023 créée")');
    const cells = await page.evaluate(() => {
      const fake = (
        window as unknown as { __fake: { cell(sheet: string, address: string): { value: unknown; locked: boolean } } }
      ).__fake;
      return {
        period: fake.cell('Identification', 'B8'),
        planned: fake.cell('Indicateurs', 'E2'),
        meta: fake.cell('_meta', 'B5'),
      };
    });
    expect(cells.period).toMatchObject({ value: '2023', locked: true });
    expect(cells.planned.value).toBe(framework().indicators[0]!.periodTargets['2023']!.SAL);
    expect(cells.meta.value).toBe('2023');
    await page.close();
  });

  it('speaks English in an English Excel, and asks to re-validate where events are missing', async () => {
    const { page } = await open(seeded, { displayLanguage: 'en-US', apiVersion: '1.2' });
    await page.getByRole('button', { name: 'Validate workbook' }).click();
    await page.waitForSelector('#results button.issue');
    expect(await page.textContent('#live-hint')).toMatch(/click “Validate workbook” again/);
    expect(await page.textContent('#results .counts')).toContain(`Errors: ${expected.stats.errors}`);
    const first = expected.issues.find((i) => i.sheet !== null)!;
    expect(await page.locator('#results button.issue .message').allTextContents()).toContain(renderIssue(first, 'en'));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.close();
  });

  describe('production build', () => {
    it('refuses to build without the add-in’s HTTPS address, in one line that says how to set it', () => {
      const out = tempDir('addin-refused-');
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.ADDIN_PRODUCTION_URL;
      const run = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'),
          '--mode',
          'production',
          '--env',
          `outputPath=${out}`,
        ],
        { cwd: ROOT, env, encoding: 'utf8' },
      );
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^Construction de production refusée : .*ADDIN_PRODUCTION_URL=https:\/\/.* npm run build/,
        ),
      ]);
      expect(existsSync(path.join(out, 'manifest.xml'))).toBe(false);
    });

    it('writes a dist/manifest.xml that passes the local check, every URL at the production folder', () => {
      const manifest = readFileSync(path.join(dist, 'manifest.xml'), 'utf8');
      const urls = [...manifest.matchAll(/"(https?:\/\/[^"]+)"|>(https?:\/\/[^<]+)</g)].map((m) => m[1] ?? m[2]!);
      const namespaces = /^http:\/\/(schemas\.microsoft\.com|www\.w3\.org)\//;
      const own = urls.filter((u) => !namespaces.test(u));
      expect(own.length).toBeGreaterThan(8);
      for (const url of own) expect([url, url.startsWith(PRODUCTION_URL)]).toEqual([url, true]);
      expect(manifest).not.toContain('localhost');
      expect(manifest).toContain(`<SourceLocation DefaultValue="${PRODUCTION_URL}taskpane.html"/>`);
      expect(manifest).toContain('<Set Name="ExcelApi" MinVersion="1.2"/>');
      expect(manifestProblems(manifest)).toEqual([]);
      // Every file the manifest names is in dist/.
      for (const url of own)
        expect([url, existsSync(path.join(dist, url.slice(PRODUCTION_URL.length)))]).toEqual([url, true]);
    });
    it('ships the help page: nothing fetched but itself, no wider than A4, a few printed A4 pages', async () => {
      const page = await browser.newPage();
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        requests.push(url);
        if (url.startsWith(`${origin}/`)) return route.continue();
        outside.push(url);
        return route.abort();
      });
      await page.goto(`${origin}/aide.html`);
      expect(requests).toEqual([`${origin}/aide.html`]);
      expect(await page.title()).toBe('Aide – Contrôles S&E');
      expect(await page.locator('script').count()).toBe(0);
      // The printable width of A4 with the page's margins (210 − 2 × 14 mm) at 96 dpi.
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: Math.floor((182 / 25.4) * 96), height: 1000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(4);
      await page.close();
    });
  });

  describe('bundle size', () => {
    it('keeps the pane’s own JavaScript under 250 KB gzipped, without exceljs nor Office.js', () => {
      const report = JSON.parse(readFileSync(path.join(dist, 'bundle-size.json'), 'utf8')) as { gzipBytes: number };
      const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
      expect(files).toHaveLength(1);
      const js = readFileSync(path.join(dist, files[0]!));
      const gzipped = zlib.gzipSync(js, { level: 9 }).length;
      expect(report.gzipBytes).toBe(gzipped);
      expect(gzipped).toBeLessThan(250 * 1024);
      const text = js.toString('utf8');
      expect(text).not.toMatch(/exceljs|appsforoffice|\binnerHTML\b|insertAdjacentHTML|outerHTML/);
      const html = readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
      expect(html).toContain(`<script src=${OFFICE_JS}></script>`);
      expect(html).toContain(files[0]);
    });

    it('fails the build when the pane grows over the limit', async () => {
      const dir = tempDir('addin-size-');
      writeFileSync(path.join(dir, 'entry.js'), `console.log(${JSON.stringify('x'.repeat(4000))} + Math.random());\n`);
      const lines: string[] = [];
      const stats = await compile({
        mode: 'production',
        context: dir,
        entry: './entry.js',
        output: { path: path.join(dir, 'out') },
        plugins: [new BundleSizePlugin({ limitKb: 0.01, log: (line: string) => lines.push(line) })],
      });
      expect(stats.hasErrors()).toBe(true);
      expect(stats.toJson({ all: false, errors: true }).errors![0]!.message).toMatch(/over the 0.01 KB limit/);
      expect(lines[0]).toMatch(
        /^Task pane JS \(Office\.js excluded\): [\d.]+ KB, [\d.]+ KB gzipped — limit 0.01 KB gzipped$/,
      );
    });
  });
});
