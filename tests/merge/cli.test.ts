/**
 * The command line of `npm run merge`: the `--json` summary, `--lang en`, bad arguments (exit 2, one
 * French line, no stack trace, nothing written) and an output path that is an input file.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  bundledExample,
  copyExamples,
  csvText,
  fillFor,
  framework,
  hashFolder,
  mergeCli,
  mergeJson,
  readWorkbook,
  rowWith,
  SEED_ACHIEVED,
  sectionTexts,
  sha256,
  sheet,
  shown,
  STACK_LINE,
  synthesisCommunes,
  tempDir,
  textsOf,
  tidyRowsOf,
  truncateToHalf,
} from '../helpers/merge-fixtures';

const tmp = tempDir('merge-cli');
afterAll(() => tmp.remove());

const examples = path.join(tmp.dir, 'examples');
beforeAll(() => copyExamples(examples));

describe('--json', () => {
  test('a parseable summary: exitCode, output, sources, issues with their message, indicators', async () => {
    const output = path.join(tmp.dir, 'json.xlsx');
    const { cli, summary } = await mergeJson(['--input', examples, '--output', output]);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toBe('');
    expect(summary.exitCode).toBe(0);
    expect(summary.output).toBe(output);
    expect(existsSync(output)).toBe(true);
    expect(summary.problem).toBeNull();
    expect(summary.sources).toHaveLength(4);
    for (const s of summary.sources) {
      expect(s.status).toBe('accepted');
      expect(s.sha256).toBe(sha256(path.join(examples, s.file)));
    }
    expect(summary.issues).toEqual([]);
    expect(summary.indicators.map((i) => i.code)).toEqual(framework.indicators.map((i) => i.code));
    expect(Object.fromEntries(summary.indicators.map((i) => [i.code, i.achieved]))).toEqual(SEED_ACHIEVED);
    expect(Object.fromEntries(summary.indicators.map((i) => [i.code, i.planned]))).toEqual(SEED_ACHIEVED);
    expect(summary.communes.every((c) => c.received)).toBe(true);
  });

  test('with problems: issues carry a message, exitCode 1, stdout stays pure JSON', async () => {
    const dir = path.join(tmp.dir, 'json-bad');
    copyExamples(dir, ['BAR']);
    truncateToHalf(bundledExample('BAR'), path.join(dir, 'bara.xlsx'));
    const { cli, summary } = await mergeJson(['--input', dir, '--output', path.join(tmp.dir, 'json-bad.xlsx')]);
    expect(cli.code).toBe(1);
    expect(summary.exitCode).toBe(1);
    const issue = summary.issues.find((i) => i.file === 'bara.xlsx')!;
    expect(issue.message).toMatch(/^classeur endommagé ou tronqué/);
    expect(summary.sources.find((s) => s.file === 'bara.xlsx')!.reasonText).toMatch(/^inutilisable : /);
    // The rates' rule: planned over the communes received, Bara's target apart.
    expect(summary.indicators.find((i) => i.code === 'R1.1.1')).toEqual({
      code: 'R1.1.1',
      planned: 75,
      achieved: 75,
      rate: 1,
      plannedNotReceived: 25,
      target: 100,
      women: expect.any(Number) as number,
      men: expect.any(Number) as number,
      // Where the project stands: the cumulative to date against the end-of-project target, same rule.
      toDate: { achieved: 75, target: 75, rate: 1, endTarget: 100 },
      baseline: null,
      periods: [
        { period: '2023', target: 100, plannedReceived: 75, achieved: 75, cumulative: 75 },
        { period: '2024', target: null, plannedReceived: null, achieved: null, cumulative: null },
      ],
    });
  });

  test('when nothing can be done: exitCode 2 and the problem’s message, still JSON', async () => {
    const { cli, summary } = await mergeJson([
      '--input',
      path.join(tmp.dir, 'nowhere'),
      '--output',
      path.join(tmp.dir, 'never.xlsx'),
    ]);
    expect(cli.code).toBe(2);
    expect(summary).toMatchObject({ exitCode: 2, output: null, problem: { id: 'inputMissing' } });
    expect(summary.problem!.message).toContain('dossier d’entrée introuvable');
  });
});

describe('--lang en', () => {
  test('English headings in the workbook (sheet names stay French), English lines on stdout', async () => {
    const output = path.join(tmp.dir, 'en.xlsx');
    const cli = await mergeCli(['--input', examples, '--output', output, '--lang', 'en']);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('4 file(s): 4 accepted, 0 rejected, 0 skipped, 0 set aside.');
    expect(cli.stdout).toContain('Every commune sent its file for every period (2023).');
    expect(cli.stdout).toContain(`Consolidated workbook: ${output}`);
    expect(cli.stdout).not.toMatch(/accepté|fichier\(s\)|Classeur/);

    const workbook = await readWorkbook(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Synthèse',
      'Prévu vs Réalisé',
      'Évolution',
      'Budget',
      'Bénéficiaires',
      'Données',
      'Contrôles',
      'Sources',
      'Textes longs',
    ]);
    const synthesis = sheet(workbook, 'Synthèse');
    expect(String(shown(synthesis.getCell('A1')))).toContain('Monitoring and evaluation summary');
    expect(sectionTexts(synthesis, 'Gaps')).toEqual(['All planned activities were carried out.']);
    expect(shown(rowWith(synthesis, 'B', 'Plan International Mali').getCell('C'))).toBe(96303057);
    const pva = sheet(workbook, 'Prévu vs Réalisé');
    expect(shown(pva.getCell('A1'))).toBe('Planned vs achieved by indicator and commune');
    const header = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((c) => shown(pva.getRow(4).getCell(c)));
    expect(header).toEqual([
      'Code',
      'Result',
      'Indicator',
      'Unit',
      'Commune',
      'District',
      'Planned',
      'Achieved',
      'Rate',
      'Women',
      'Men',
      'To date',
      'End-of-project target',
      'Progress',
      'Comments',
    ]);
    expect(textsOf(pva)).toContain('Project total');
    expect(textsOf(pva)).not.toContain('Total projet');
    expect(textsOf(sheet(workbook, 'Sources'))).toContain('accepted');
    expect(String(shown(rowWith(sheet(workbook, 'Budget'), 'B', 'Budget total').getCell('F')))).toBe('96303057');
  });

  test('English messages: a refused file, a missing commune, « not received »', async () => {
    const dir = path.join(tmp.dir, 'en-bad');
    copyExamples(dir, ['BAR']);
    truncateToHalf(bundledExample('BAR'), path.join(dir, 'bara.xlsx'));
    const output = path.join(tmp.dir, 'en-bad.xlsx');
    const cli = await mergeCli(['--input', dir, '--output', output, '--lang', 'en']);
    expect(cli.code).toBe(1);
    // Its name tells the commune, not the period: Bara's 2023 stays « not received ».
    expect(cli.stdout).toMatch(/✗ rejected\s+bara\.xlsx \(Bara\): unusable: damaged or truncated workbook/);
    expect(cli.stdout).toContain('Not received: Bara: 2023 not received.');
    const workbook = await readWorkbook(output);
    const synthesis = sheet(workbook, 'Synthèse');
    expect(
      synthesisCommunes(synthesis, { commune: 'Commune', status: 'Status', rate: 'Rate' }).get('Bara')!.status,
    ).toBe('not received');
    expect(sectionTexts(synthesis, 'Gaps')).toContain('Data not received, absent from the totals: Bara (2023).');

    const { summary } = await mergeJson(['--input', dir, '--output', output, '--lang', 'en']);
    expect(summary.issues.find((i) => i.file === 'bara.xlsx')!.message).toMatch(/^damaged or truncated workbook/);
    expect(summary.sources.find((s) => s.file === 'bara.xlsx')!.reasonText).toMatch(/^unusable: /);
  });
});

describe('bad arguments: exit 2, one French line on stderr, no stack trace, nothing written', () => {
  const out = () => path.join(tmp.dir, 'bad-args', 'out.xlsx');
  test.each([
    ['--lang de', ['--lang', 'de'], /^Erreur : option « --lang <fr\|en> » : fr ou en attendu, pas « de »$/],
    [
      '--period 1999',
      ['--period', '1999'],
      /^Erreur : --period : « 1999 » n’est pas une période du cadre \(2023, 2024\)$/,
    ],
    [
      '--prefer oldest',
      ['--prefer', 'oldest'],
      /^Erreur : --prefer : seule la valeur « latest » est possible, pas « oldest »$/,
    ],
    ['--max-size zéro', ['--max-size', 'zéro'], /^Erreur : --max-size : nombre de Mo attendu/],
  ])('%s', async (_label, args, message) => {
    const cli = await mergeCli(['--input', examples, '--output', out(), ...args]);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe('');
    expect(cli.stderr.endsWith('\n')).toBe(true);
    expect(cli.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(cli.stderr.trimEnd()).toMatch(message);
    expect(cli.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(path.dirname(out()))).toBe(false);
  });

  test('--output x.txt', async () => {
    const cli = await mergeCli(['--input', examples, '--output', path.join(tmp.dir, 'x.txt')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd()).toBe(
      `Erreur : --output : un fichier .xlsx est attendu, pas « ${path.join(tmp.dir, 'x.txt')} »`,
    );
    expect(cli.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(path.join(tmp.dir, 'x.txt'))).toBe(false);
  });

  test('a missing --input folder', async () => {
    const missing = path.join(tmp.dir, 'pas-de-dossier');
    const cli = await mergeCli(['--input', missing, '--output', out()]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd().split('\n')).toEqual([`Erreur : dossier d’entrée introuvable : ${missing}`]);
    expect(cli.stdout + cli.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out())).toBe(false);
  });

  test('--input naming a file, not a folder', async () => {
    const file = path.join(examples, readdirSync(examples)[0]!);
    const cli = await mergeCli(['--input', file, '--output', out()]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd().split('\n')).toEqual([`Erreur : dossier d’entrée introuvable : ${file}`]);
  });

  test('an unknown option: exit 2, one line, no stack trace', async () => {
    const cli = await mergeCli(['--input', examples, '--output', out(), '--sortie', 'x.xlsx']);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain('--sortie');
    expect(cli.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out())).toBe(false);
  });
});

describe('an output path that is an input file', () => {
  test('--output over a commune workbook: exit 2, the input unchanged', async () => {
    const dir = path.join(tmp.dir, 'clash');
    copyExamples(dir);
    const target = readdirSync(dir).find((f) => f.includes('_BAR_'))!;
    const before = hashFolder(dir);
    const cli = await mergeCli(['--input', dir, '--output', path.join(dir, target)]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd().split('\n')).toEqual([
      `Erreur : le fichier de sortie serait écrit sur une entrée (${target}) : choisissez un autre --output`,
    ]);
    expect(hashFolder(dir)).toEqual(before);
  });

  test('--csv over a CSV input (a tidy table typed or exported from KoboToolbox): exit 2, the input unchanged', async () => {
    const dir = path.join(tmp.dir, 'clash-csv');
    copyExamples(dir, ['SAL']);
    writeFileSync(path.join(dir, 'sal.csv'), csvText(tidyRowsOf('SAL', '2023', fillFor('SAL'))));
    const before = hashFolder(dir);
    const cli = await mergeCli([
      '--input',
      dir,
      '--output',
      path.join(tmp.dir, 'clash-csv.xlsx'),
      '--csv',
      path.join(dir, 'sal.csv'),
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('le fichier de sortie serait écrit sur une entrée (sal.csv)');
    expect(hashFolder(dir)).toEqual(before);
    expect(existsSync(path.join(tmp.dir, 'clash-csv.xlsx'))).toBe(false);
  });

  test('an output inside the input folder: written; the next run recognises it as its own output and replaces it', async () => {
    const dir = path.join(tmp.dir, 'inside');
    const communes = copyExamples(dir);
    const cli = await mergeCli(['--input', dir, '--output', path.join(dir, 'consolidation.xlsx')]);
    expect(cli.code).toBe(0);
    expect(existsSync(path.join(dir, 'consolidation.xlsx'))).toBe(true);
    const before = new Map(communes.map((f) => [f, sha256(f)]));
    const again = await mergeCli(['--input', dir, '--output', path.join(dir, 'consolidation.xlsx')]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(new Map(communes.map((f) => [f, sha256(f)]))).toEqual(before);
  });
});
