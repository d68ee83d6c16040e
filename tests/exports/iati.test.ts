/**
 * `npm run merge -- --iati FILE.xml`: the IATI 2.03 activity file of the bundled example and of the quarterly
 * example validates against the official schema (xmllint), keeps the standard's other rules, and carries
 * the accepted figures of `Données` — nothing else; what it leaves out is said, in the console and in --json.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { QUARTERLY_DIR } from '../../pipeline/examples';
import { DEFAULT_FRAMEWORK } from '../../pipeline/framework-file';
import {
  BUNDLED_EXAMPLES,
  copyExamples,
  framework,
  mergeCli,
  readWorkbook,
  records,
  sheet,
  tempDir,
  writeCommune,
} from '../helpers/merge-fixtures';
import { elements, parseXml, textContent, type XmlElement } from '../helpers/xml';
import { codelistProblems, ruleProblems, xmllint } from './iati-files';

const QUARTERLY_FRAMEWORK = path.join(QUARTERLY_DIR, 'framework.json');
const quarterly = JSON.parse(readFileSync(QUARTERLY_FRAMEWORK, 'utf8')) as typeof framework;

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => (tmp = tempDir('iati')));
afterAll(() => tmp.remove());

interface Run {
  xml: string;
  root: XmlElement;
  file: string;
  workbook: string;
  stdout: string;
  code: number;
}

async function exportOf(name: string, input: string, extra: string[] = []): Promise<Run> {
  const file = path.join(tmp.dir, `${name}.xml`);
  const workbook = path.join(tmp.dir, `${name}.xlsx`);
  const cli = await mergeCli(['--input', input, '--output', workbook, '--iati', file, ...extra]);
  const xml = readFileSync(file, 'utf8');
  return { xml, root: parseXml(xml), file, workbook, stdout: cli.stdout, code: cli.code };
}

/** `Données`: Réalisé by code, commune name, period and disaggregation (Total, Femmes, Hommes). */
async function donnees(workbook: string): Promise<Map<string, number | null>> {
  const rows = records(sheet(await readWorkbook(workbook), 'Données'), 1);
  return new Map(
    rows.map((r) => [
      `${String(r.value('Code'))}|${String(r.value('Commune'))}|${String(r.value('Période'))}|${String(r.value('Désagrégation'))}`,
      r.value('Réalisé') as number | null,
    ]),
  );
}

const attr = (e: XmlElement, name: string) => e.attributes[name];
const named = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);
/** The indicator whose reference code is `code`. */
const indicator = (root: XmlElement, code: string) =>
  elements(root, 'indicator').find((i) => named(i, 'reference').some((r) => attr(r, 'code') === code))!;
const periodOf = (ind: XmlElement, start: string) =>
  named(ind, 'period').find((p) => attr(named(p, 'period-start')[0]!, 'iso-date') === start);
/** The `kind` value of a period for one combination of location and dimensions (`{ location: 'GNZ', sex: 'female' }`). */
function valueOf(
  period: XmlElement,
  kind: 'target' | 'actual',
  where: Record<string, string> = {},
): number | undefined {
  const want = Object.entries(where)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');
  const found = named(period, kind).find(
    (v) =>
      v.children
        .filter((c) => c.name === 'location' || c.name === 'dimension')
        .map((c) => (c.name === 'location' ? `location=${attr(c, 'ref')}` : `${attr(c, 'name')}=${attr(c, 'value')}`))
        .sort()
        .join('&') === want,
  );
  return found ? Number(attr(found, 'value')) : undefined;
}

describe('the bundled example (2023)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await exportOf('annual', BUNDLED_EXAMPLES);
  }, 120_000);

  test('validates against the IATI 2.03 activity schema', () => {
    expect(run.code).toBe(0);
    const lint = xmllint(run.file);
    expect(lint.output).toMatch(/validates/);
    expect(lint.status).toBe(0);
  });

  test('keeps the rules the schema does not check, with codes from the IATI codelists', () => {
    expect(ruleProblems(run.root)).toEqual([]);
    expect(codelistProblems(run.root)).toEqual([]);
  });

  test('the checks do catch what they check', () => {
    const broken = path.join(tmp.dir, 'broken.xml');
    writeFileSync(broken, run.xml.replace(/<iati-identifier>[^<]*<\/iati-identifier>/, ''));
    expect(xmllint(broken).status).not.toBe(0);
    const mutated = (from: RegExp, to: string) => parseXml(run.xml.replace(from, to));
    expect(
      ruleProblems(mutated(/<period-end iso-date="2023-12-31"\/>/, '<period-end iso-date="2022-12-31"/>')),
    ).toEqual([expect.stringMatching(/the start is not before the end/)]);
    expect(ruleProblems(mutated(/(<actual value="\d+"\/>)/, '$1$1'))).toEqual([
      expect.stringMatching(/two actual values for « no dimension »/),
    ]);
    expect(ruleProblems(mutated(/<narrative>Bara<\/narrative>/, '<narrative> </narrative>'))).toEqual([
      'an empty narrative',
    ]);
    expect(codelistProblems(mutated(/<activity-status code="2"\/>/, '<activity-status code="9"/>'))).toEqual([
      'activity-status/@code=9 (ActivityStatus)',
    ]);
    expect(codelistProblems(mutated(/code="15220"/, 'code="15221"'))).toEqual(['sector/@code=15221 (Sector)']);
  });

  test('says who, where and what from the framework file', () => {
    const iati = framework.iati!;
    const activity = elements(run.root, 'iati-activity')[0]!;
    expect(run.root.attributes).toMatchObject({ version: '2.03' });
    expect(attr(run.root, 'generated-datetime')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(attr(activity, 'default-currency')).toBe('XOF');
    expect(named(activity, 'iati-identifier')[0]!.text).toBe(iati.identifier);
    expect(named(activity, 'participating-org').map((o) => [attr(o, 'role'), textContent(o).trim()])).toEqual([
      ['1', framework.project.donor],
      ['4', framework.project.implementer],
      ['4', framework.project.partners[0]],
    ]);
    expect(named(activity, 'location').map((l) => [attr(l, 'ref'), textContent(named(l, 'name')[0]!).trim()])).toEqual(
      framework.communes.map((c) => [c.code, c.name]),
    );
    expect(named(activity, 'recipient-country').map((c) => attr(c, 'code'))).toEqual(['ML']);
    expect(named(activity, 'title')[0]!.children[0]!.attributes['xml:lang']).toBe('fr');
  });

  test('writes every indicator of every result, with the figures of Données', async () => {
    const data = await donnees(run.workbook);
    const results = named(elements(run.root, 'iati-activity')[0]!, 'result');
    expect(results).toHaveLength(framework.results.length + 1); // and the beneficiaries' result
    for (const ind of framework.indicators) {
      const period = periodOf(indicator(run.root, ind.code), '2023-01-01')!;
      expect(period).toBeDefined();
      const targets = ind.periodTargets['2023']!;
      expect(valueOf(period, 'target')).toBe(Object.values(targets).reduce((a, b) => a + b, 0));
      let total = 0;
      for (const c of framework.communes) {
        expect(valueOf(period, 'target', { location: c.code })).toBe(targets[c.code]);
        const achieved = data.get(`${ind.code}|${c.name}|2023|Total`);
        expect(typeof achieved).toBe('number');
        expect(valueOf(period, 'actual', { location: c.code })).toBe(achieved);
        total += achieved!;
        for (const [sex, row] of [
          ['female', 'Femmes'],
          ['male', 'Hommes'],
        ] as const)
          expect(valueOf(period, 'actual', { location: c.code, sex })).toBe(
            data.get(`${ind.code}|${c.name}|2023|${row}`) ?? undefined,
          );
      }
      expect(valueOf(period, 'actual')).toBe(total);
    }
  });

  test('gives the beneficiaries by age band (and sex, and commune) from Données', async () => {
    const data = await donnees(run.workbook);
    const result = named(elements(run.root, 'iati-activity')[0]!, 'result').at(-1)!;
    expect(textContent(named(result, 'title')[0]!).trim()).toBe(framework.iati!.beneficiaries!.result);
    const period = named(named(result, 'indicator')[0]!, 'period')[0]!;
    for (const [code, age] of Object.entries(framework.iati!.beneficiaries!.ages)) {
      let total = 0;
      for (const c of framework.communes) {
        const women = data.get(`${code}|${c.name}|2023|Femmes`)!;
        expect(valueOf(period, 'actual', { location: c.code, age, sex: 'female' })).toBe(women);
        expect(valueOf(period, 'actual', { location: c.code, age })).toBe(data.get(`${code}|${c.name}|2023|Total`));
        total += data.get(`${code}|${c.name}|2023|Total`)!;
      }
      expect(valueOf(period, 'actual', { age })).toBe(total);
    }
  });

  test('plans the budget by period and reports what was spent, in XOF', async () => {
    const data = await donnees(run.workbook);
    const [budget] = elements(run.root, 'budget');
    const planned = framework.budgetLines.reduce(
      (a, l) => a + Object.values(l.periodPlanned['2023']!).reduce((x, y) => x + y, 0),
      0,
    );
    expect(Number(textContent(named(budget!, 'value')[0]!))).toBe(planned);
    const spent = framework.budgetLines.reduce(
      (a, l) => a + framework.communes.reduce((x, c) => x + (data.get(`${l.code}|${c.name}|2023|Total`) ?? 0), 0),
      0,
    );
    const [transaction] = elements(run.root, 'transaction');
    expect(attr(named(transaction!, 'transaction-type')[0]!, 'code')).toBe('4');
    expect(attr(named(transaction!, 'value')[0]!, 'currency')).toBe('XOF');
    expect(Number(textContent(named(transaction!, 'value')[0]!))).toBe(spent);
  });

  test('says in the console what it wrote and what it left out, and why', () => {
    expect(run.stdout).toMatch(/IATI 2\.03 : .*annual\.xml – 10 résultat\(s\), 14 indicateur\(s\)/);
    expect(run.stdout).toMatch(/Laissé hors de l’export IATI \(2\) : STR-PE : catégorie sans tranche d’âge/);
  });
});

describe('the quarterly example (2024, Bara’s 2024-T4 not received)', () => {
  let run: Run;
  let json: { iati: { file: string; periods: number; leftOut: { id: string; params: Record<string, string> }[] } };
  beforeAll(async () => {
    run = await exportOf('quarterly', path.join(QUARTERLY_DIR, 'exemples'), ['--framework', QUARTERLY_FRAMEWORK]);
    const cli = await mergeCli([
      '--input',
      path.join(QUARTERLY_DIR, 'exemples'),
      '--framework',
      QUARTERLY_FRAMEWORK,
      '--output',
      path.join(tmp.dir, 'quarterly-json.xlsx'),
      '--iati',
      path.join(tmp.dir, 'quarterly-json.xml'),
      '--json',
    ]);
    json = JSON.parse(cli.stdout) as typeof json;
  }, 180_000);

  test('validates against the IATI 2.03 activity schema and keeps the other rules', () => {
    expect(run.code).toBe(0);
    expect(xmllint(run.file)).toMatchObject({ status: 0 });
    expect(ruleProblems(run.root)).toEqual([]);
    expect(codelistProblems(run.root)).toEqual([]);
  });

  test('one period per quarter, one budget per quarter, expenditure only where reported', async () => {
    const data = await donnees(run.workbook);
    const ind = indicator(run.root, 'R1.1.1');
    expect(named(ind, 'period').map((p) => attr(named(p, 'period-start')[0]!, 'iso-date'))).toEqual([
      '2024-01-01',
      '2024-04-01',
      '2024-07-01',
      '2024-10-01',
    ]);
    expect(elements(run.root, 'budget')).toHaveLength(4);
    const t4 = periodOf(ind, '2024-10-01')!;
    // Bara sent no 2024-T4: no value of Bara, the project's actual is the others' and says so.
    expect(valueOf(t4, 'actual', { location: 'BAR' })).toBeUndefined();
    expect(valueOf(t4, 'target', { location: 'BAR' })).toBe(quarterly.indicators[0]!.periodTargets['2024-T4']!.BAR);
    const others = framework.communes
      .filter((c) => c.code !== 'BAR')
      .reduce((a, c) => a + (data.get(`R1.1.1|${c.name}|2024-T4|Total`) as number), 0);
    expect(valueOf(t4, 'actual')).toBe(others);
    const projectActual = named(t4, 'actual').find(
      (a) => named(a, 'location').length + named(a, 'dimension').length === 0,
    )!;
    expect(textContent(projectActual)).toMatch(/non reçu : Bara/);
    const lastSpent = elements(run.root, 'transaction').at(-1)!;
    expect(textContent(named(lastSpent, 'description')[0]!)).toMatch(/non reçu : Bara/);
  });

  test('--json reports the export under « iati », with what was left out and why', () => {
    expect(json.iati.file).toBe(path.join(tmp.dir, 'quarterly-json.xml'));
    expect(json.iati.periods).toBe(4 * 14);
    expect(json.iati.leftOut).toContainEqual(
      expect.objectContaining({ id: 'periodNotReceived', params: { commune: 'Bara', period: '2024-T4' } }),
    );
  });
});

describe('only accepted data, and the coordinators’ word where below target', () => {
  let run: Run;
  const COMMENT = 'Deux sessions reportées à cause de l’insécurité sur la route de Bourem.';
  beforeAll(async () => {
    const input = path.join(tmp.dir, 'below');
    copyExamples(input, ['GNZ', 'BAR']);
    await writeCommune(input, 'GNZ', {
      fill: {
        'indicators:R1.1.1:achieved': 20,
        'indicators:R1.1.1:women': 10,
        'indicators:R1.1.1:men': 10,
        'indicators:R1.1.1:comment': COMMENT,
      },
    });
    // Bara's file is refused: its women and men do not add up to its achieved.
    await writeCommune(input, 'BAR', { fill: { 'indicators:R1.1.1:women': 24 } });
    run = await exportOf('below', input);
  }, 120_000);

  test('the comment goes with the commune’s actual and the project’s, below target', () => {
    expect(run.code).toBe(1); // a file refused
    const period = periodOf(indicator(run.root, 'R1.1.1'), '2023-01-01')!;
    expect(valueOf(period, 'actual', { location: 'GNZ' })).toBe(20);
    const gnz = named(period, 'actual').find((a) => named(a, 'location').some((l) => attr(l, 'ref') === 'GNZ'))!;
    expect(textContent(gnz)).toContain(COMMENT);
    const project = named(period, 'actual').find((a) => a.children.length === 0 || named(a, 'comment').length > 0)!;
    expect(textContent(project)).toContain(`Gounzourèye : ${COMMENT}`);
    // Where the commune met its target, no comment.
    const sal = named(period, 'actual').find((a) => named(a, 'location').some((l) => attr(l, 'ref') === 'SAL'))!;
    expect(named(sal, 'comment')).toEqual([]);
    expect(xmllint(run.file)).toMatchObject({ status: 0 });
  });

  test('the refused file’s figures are not in it (only its commune’s targets), and the summary says why', () => {
    const actuals = elements(run.root, 'actual');
    expect(actuals.length).toBeGreaterThan(100);
    expect(actuals.filter((a) => named(a, 'location').some((l) => attr(l, 'ref') === 'BAR'))).toEqual([]);
    expect(elements(run.root, 'target').some((t) => named(t, 'location').some((l) => attr(l, 'ref') === 'BAR'))).toBe(
      true,
    );
    expect(run.stdout).toMatch(/Bara, 2023 : fichier refusé \(ensemble-gao_BAR_Bara_2023\.xlsx\)/);
  });
});

describe('what the framework adds', () => {
  test('a baseline and the communes’ places, still valid', async () => {
    const fw = JSON.parse(readFileSync(DEFAULT_FRAMEWORK, 'utf8')) as {
      indicators: Record<string, unknown>[];
      iati: Record<string, unknown> & { locations: { communes: Record<string, unknown> } };
    };
    fw.indicators[0]!.baseline = { value: 12, year: 2022, comment: 'Enquête de base & <registre> 2022' };
    fw.iati.locations.communes.GNZ = {
      ref: 'ML-GAO-GNZ',
      point: { latitude: 16.3, longitude: -0.1 },
      administrative: { vocabulary: 'G1', code: '0000000', level: 3 },
    };
    const file = path.join(tmp.dir, 'baseline.json');
    writeFileSync(file, JSON.stringify(fw));
    const run = await exportOf('baseline', BUNDLED_EXAMPLES, ['--framework', file]);
    expect(run.code).toBe(0);
    expect(xmllint(run.file)).toMatchObject({ status: 0 });
    expect(ruleProblems(run.root)).toEqual([]);
    const baseline = named(indicator(run.root, 'R1.1.1'), 'baseline')[0]!;
    expect(baseline.attributes).toEqual({ year: '2022', value: '12' });
    expect(textContent(baseline).trim()).toBe('Enquête de base & <registre> 2022');
    expect(named(indicator(run.root, 'R1.1.2'), 'baseline')).toEqual([]);
    // The commune's own ref, used by its values too.
    const period = periodOf(indicator(run.root, 'R1.1.1'), '2023-01-01')!;
    expect(valueOf(period, 'target', { location: 'ML-GAO-GNZ' })).toBe(25);
    const gnz = elements(run.root, 'location').find((l) => attr(l, 'ref') === 'ML-GAO-GNZ' && l.children.length > 0)!;
    expect(textContent(named(gnz, 'point')[0]!).trim()).toBe('16.3 -0.1');
  });
});

describe('--iati arguments', () => {
  test('a framework without an « iati » block: one line, exit 2, nothing written', async () => {
    const fw = JSON.parse(readFileSync(DEFAULT_FRAMEWORK, 'utf8')) as Record<string, unknown>;
    delete fw.iati;
    const dir = path.join(tmp.dir, 'no-block');
    copyExamples(dir);
    const file = path.join(tmp.dir, 'sans-iati.json');
    writeFileSync(file, JSON.stringify(fw));
    const out = path.join(tmp.dir, 'no-block-out');
    const cli = await mergeCli([
      '--input',
      dir,
      '--framework',
      file,
      '--output',
      path.join(out, 'c.xlsx'),
      '--iati',
      path.join(out, 'a.xml'),
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Erreur : --iati : .* n’a pas de bloc « iati »/),
    ]);
    expect(existsSync(out)).toBe(false);
  });

  test('not an .xml file, or the workbook itself: refused before anything is read', async () => {
    const out = path.join(tmp.dir, 'bad-args');
    const wrong = await mergeCli(['--output', path.join(out, 'c.xlsx'), '--iati', path.join(out, 'a.json')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--iati : un fichier \.xml est attendu/);
    const same = await mergeCli([
      '--output',
      path.join(out, 'c.xlsx'),
      '--csv',
      path.join(out, 'a.xml'),
      '--iati',
      path.join(out, 'a.xml'),
    ]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/déjà le fichier d’une autre sortie/);
    expect(existsSync(out)).toBe(false);
  });

  test('inside the folder read: refused, or the next merge would find it among the reports', async () => {
    const input = path.join(tmp.dir, 'iati-inside');
    copyExamples(input);
    const before = readdirSync(input).sort();
    const inside = await mergeCli([
      '--input',
      input,
      '--output',
      path.join(tmp.dir, 'iati-inside-out', 'c.xlsx'),
      '--iati',
      path.join(input, 'iati.xml'),
    ]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/--iati « .*iati\.xml » est dans le dossier lu/);
    expect(readdirSync(input).sort()).toEqual(before);
    expect(existsSync(path.join(tmp.dir, 'iati-inside-out'))).toBe(false);
  });

  test('a path under a file: refused before the merge in one line, nothing written', async () => {
    const out = path.join(tmp.dir, 'cannot-write');
    mkdirSync(out);
    writeFileSync(path.join(out, 'not-a-folder'), 'x');
    const target = path.join(out, 'not-a-folder', 'a.xml');
    const cli = await mergeCli(['--output', path.join(out, 'c.xlsx'), '--iati', target, '--json']);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim().split('\n')).toEqual([
      `Erreur : --iati « ${target} » : ${path.join(out, 'not-a-folder')} est un fichier, pas un dossier : renommez-le ou écrivez le fichier IATI dans un autre dossier`,
    ]);
    expect(cli.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(['not-a-folder']);
  });

  test('a file that cannot be written: exit 2, its one line, nothing half-written, the workbook said', async () => {
    const out = path.join(tmp.dir, 'cannot-write-long');
    mkdirSync(out);
    // A name longer than the file system takes: the checks pass, the write fails.
    const target = path.join(out, `${'x'.repeat(300)}.xml`);
    const cli = await mergeCli(['--output', path.join(out, 'c.xlsx'), '--iati', target, '--json']);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Erreur : export IATI : écriture de .*\.xml impossible : le chemin .* ; aucun fichier IATI/,
      ),
    ]);
    const summary = JSON.parse(cli.stdout) as { output: string; iati: unknown };
    expect(summary).toMatchObject({ output: path.join(out, 'c.xlsx'), iati: null });
    expect(readdirSync(out).sort()).toEqual(['c.xlsx']);
  });

  test('in English', async () => {
    const out = path.join(tmp.dir, 'english');
    const cli = await mergeCli([
      '--lang',
      'en',
      '--output',
      path.join(out, 'c.xlsx'),
      '--iati',
      path.join(out, 'a.xml'),
    ]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/IATI 2\.03: .*a\.xml – 10 result\(s\)/);
    expect(cli.stdout).toMatch(/Left out of the IATI export \(2\): STR-PE: category without an age band/);
  });

  test('an existing file is replaced atomically, the workbook beside it untouched by the export', async () => {
    const out = path.join(tmp.dir, 'replace');
    const first = await mergeCli(['--output', path.join(out, 'c.xlsx'), '--iati', path.join(out, 'a.xml')]);
    expect(first.code).toBe(0);
    copyFileSync(path.join(out, 'a.xml'), path.join(out, 'before.xml'));
    writeFileSync(path.join(out, 'a.xml'), 'old');
    await mergeCli(['--output', path.join(out, 'c.xlsx'), '--iati', path.join(out, 'a.xml')]);
    expect(readFileSync(path.join(out, 'a.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
