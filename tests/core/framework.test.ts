import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FrameworkError, formatPath, parseFramework } from '../../core/framework/load';
import { frameworkProblemText } from '../../core/messages/framework';
import { isPeople } from '../../core/framework/schema';
import { DEFAULT_FRAMEWORK, loadFrameworkFile } from '../../pipeline/framework-file';
import { run as validateCli } from '../../pipeline/cli/validate';
import { lines, runCli } from '../cli/capture';
import { QUARTERS, withQuarters } from '../helpers/quarters';

/**
 * framework.json as these tests break it: the containers they reach into are typed, the values they
 * put there are not (a target written as text, an unknown key… is the point).
 */
type Loose = Record<string, unknown>;
interface RawEntry extends Loose {
  targets: Loose;
  periodTargets?: Record<string, Loose>;
  aggregation: Loose;
}
interface RawBudgetLine extends Loose {
  planned: Record<string, number>;
  periodPlanned?: Record<string, Record<string, number>>;
}
interface RawFramework extends Loose {
  format?: unknown;
  entryGraceDays?: unknown;
  project: Loose;
  thresholds: Loose;
  communes: { code: string }[];
  periods: Loose[];
  indicators: RawEntry[];
  beneficiaries: RawEntry[];
  budgetLines: RawBudgetLine[];
  contributions: Loose[];
}
const raw = JSON.parse(readFileSync(DEFAULT_FRAMEWORK, 'utf8')) as RawFramework;

/** The problems of a broken copy of the real framework (it must fail), in English. */
function problems(mutate: (fw: RawFramework) => void): string[] {
  const copy = structuredClone(raw);
  mutate(copy);
  try {
    parseFramework(copy, 'framework.json');
  } catch (err) {
    expect(err).toBeInstanceOf(FrameworkError);
    const e = err as FrameworkError;
    expect(e.name).toBe('FrameworkError');
    expect(e.source).toBe('framework.json');
    const found = e.problems.map((p) => frameworkProblemText(p, 'en'));
    expect(e.text('en')).toBe(`framework.json: ${found.join('; ')}`);
    // The message is French, the tools' default: the same problems, said the French way.
    expect(e.message).toBe(e.text('fr'));
    expect(e.message).toBe(`framework.json : ${e.problems.map((p) => frameworkProblemText(p, 'fr')).join(' ; ')}`);
    return found;
  }
  throw new Error('the broken framework was accepted');
}

describe('the real framework', () => {
  const fw = loadFrameworkFile();

  it('parses, and parsing the same JSON again gives the same framework', () => {
    expect(fw.id).toBe('ensemble-gao');
    expect(parseFramework(structuredClone(raw))).toEqual(fw);
  });

  it('has the four communes of the project', () => {
    expect(fw.communes.map((c) => c.code)).toEqual(['GNZ', 'SAL', 'ANS', 'BAR']);
  });

  it.each<[string, number]>([
    ['R1.1.1', 100],
    ['R1.1.2', 100],
    ['R1.2.1', 50],
    ['R2.2.1', 5],
    ['R2.2.2', 4],
    ['R3.1.1', 4],
    ['R3.1.2', 200],
    ['R3.2.1', 200],
    ['R3.3.1', 4],
    ['R4.1.1', 8],
    ['R4.2.1', 8],
    ['R4.2.2', 4],
    ['R4.3.1', 8],
  ])('the communes’ targets of %s add up to the seed’s %d', (code, target) => {
    const indicator = fw.indicators.find((i) => i.code === code)!;
    expect(indicator).toBeDefined();
    expect(Object.keys(indicator.targets).sort()).toEqual(['ANS', 'BAR', 'GNZ', 'SAL']);
    expect(Object.values(indicator.targets).reduce((a, b) => a + b, 0)).toBe(target);
    expect(indicator.target).toBe(target);
  });

  it('has exactly the seed’s 13 indicators, each under its expected result', () => {
    expect(fw.indicators).toHaveLength(13);
    for (const ind of fw.indicators) expect(ind.code.startsWith(`${ind.result}.`)).toBe(true);
    expect(fw.results.map((r) => r.code)).toEqual([
      'R1.1',
      'R1.2',
      'R2.2',
      'R3.1',
      'R3.2',
      'R3.3',
      'R4.1',
      'R4.2',
      'R4.3',
    ]);
  });

  it('has budget lines that add up to exactly 96 303 057 FCFA, the project budget', () => {
    const total = fw.budgetLines.reduce((sum, line) => sum + Object.values(line.planned).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(96303057);
    expect(fw.project.budget).toBe(96303057);
    expect(fw.project.currency).toBe('XOF');
  });

  it('disaggregates by sex exactly the people counts', () => {
    expect(fw.indicators.filter(isPeople).map((i) => i.code)).toEqual([
      'R1.1.1',
      'R1.1.2',
      'R1.2.1',
      'R3.1.2',
      'R3.2.1',
    ]);
    expect(fw.beneficiaries.filter(isPeople).map((b) => b.code)).toEqual(['BEN-0-14', 'BEN-15-17', 'BEN-18-24']);
  });

  it('gives 120 grace days when the file does not say', () => {
    const copy = structuredClone(raw);
    delete copy.entryGraceDays;
    expect(parseFramework(copy).entryGraceDays).toBe(120);
  });
});

describe('a broken framework fails with a FrameworkError naming the path', () => {
  it.each<[string, (fw: RawFramework) => void, string]>([
    [
      'a fractional commune target',
      (fw) => (fw.indicators[3]!.targets.BAR = 1.5),
      'indicators[3].targets.BAR: expected a whole number',
    ],
    [
      'a negative commune target',
      (fw) => (fw.indicators[0]!.targets.GNZ = -1),
      'indicators[0].targets.GNZ: expected a number ≥ 0',
    ],
    [
      'a target written as text',
      (fw) => (fw.indicators[0]!.targets.GNZ = '25'),
      'indicators[0].targets.GNZ: expected a whole number',
    ],
    [
      'a commune without target',
      (fw) => delete fw.indicators[2]!.targets.ANS,
      'indicators[2].targets.ANS: missing the target of commune ANS',
    ],
    [
      'a target for an unknown commune',
      (fw) => (fw.beneficiaries[1]!.targets.XYZ = 0),
      'beneficiaries[1].targets.XYZ: unknown commune XYZ',
    ],
    [
      'a budget line without a commune',
      (fw) => delete fw.budgetLines[4]!.planned.SAL,
      'budgetLines[4].planned.SAL: missing the target of commune SAL',
    ],
    [
      'targets that do not add up',
      (fw) => (fw.indicators[1]!.target = 101),
      "indicators[1].targets: the communes' targets add up to 100, not to the project target 101",
    ],
    [
      'budget lines one franc over',
      (fw) => (fw.budgetLines[5]!.planned.GNZ! += 1),
      'budgetLines: the budget lines add up to 96,303,058, not to the project budget 96,303,057',
    ],
    [
      'contributions that do not add up',
      (fw) => (fw.contributions[0]!.amount = 1),
      'contributions: the contributions add up to 1, not to the project budget 96,303,057',
    ],
    [
      'a duplicate indicator code',
      (fw) => (fw.indicators[1]!.code = 'R1.1.1'),
      'indicators[1].code: duplicate code R1.1.1',
    ],
    ['a duplicate commune', (fw) => fw.communes.push({ ...fw.communes[0]! }), 'communes[4].code: duplicate code GNZ'],
    [
      'an unknown expected result',
      (fw) => (fw.indicators[0]!.result = 'R9.9'),
      'indicators[0].result: unknown expected result R9.9',
    ],
    [
      'an indicator code outside its result',
      (fw) => (fw.indicators[4]!.code = 'R3.2.9'),
      'indicators[4].code: expected a code of the form R2.2.<n>',
    ],
    [
      'a code with spaces',
      (fw) => (fw.communes[0]!.code = 'G N Z'),
      'communes[0].code: expected a code made of letters',
    ],
    ['another currency', (fw) => (fw.project.currency = 'EUR'), 'project.currency: expected XOF (FCFA)'],
    [
      'a period ending before it starts',
      (fw) => (fw.periods[0]!.end = '2022-12-31'),
      'periods[0].end: the period ends before it starts',
    ],
    [
      'a period date written the French way',
      (fw) => (fw.periods[1]!.start = '01/01/2024'),
      'periods[1].start: expected a date written YYYY-MM-DD',
    ],
    ['a duplicate period', (fw) => (fw.periods[1]!.label = '2023'), 'periods[1].label: duplicate period 2023'],
    ['a version without patch number', (fw) => (fw.version = '1.0'), 'version: expected a version such as 1.0.0'],
    [
      'an over-achievement threshold of 100 %',
      (fw) => (fw.thresholds.overAchievement = 1),
      'thresholds.overAchievement:',
    ],
    ['a negative grace period', (fw) => (fw.entryGraceDays = -1), 'entryGraceDays: expected a number ≥ 0'],
    ['an unknown key (a typo)', (fw) => (fw.indicators[0]!.cible = 25), 'indicators[0]: unknown key(s): "cible"'],
    ['no budget lines', (fw: Partial<RawFramework>) => delete fw.budgetLines, 'budgetLines:'],
    ['no commune', (fw) => (fw.communes = []), 'communes:'],
    [
      'an aggregation rule that does not exist',
      (fw) => (fw.indicators[0]!.aggregation.periods = 'average'),
      'indicators[0].aggregation.periods:',
    ],
  ])('%s', (_name, mutate, start) => {
    const found = problems(mutate);
    expect(found.filter((p) => p.startsWith(start))).toHaveLength(1);
  });

  it('names the file and has no path for a document that is not an object', () => {
    expect(() => parseFramework(null, 'cadre.json')).toThrow(new Error('cadre.json : objet attendu'));
    expect(() => parseFramework(undefined, 'cadre.json')).toThrow(
      new Error('cadre.json : valeur obligatoire manquante (objet attendu)'),
    );
  });

  it('says each problem in French by default and in English on demand, numbers and dates each language’s way', () => {
    const copy = structuredClone(raw);
    copy.budgetLines[5]!.planned.GNZ! += 1;
    copy.periods.push({ label: '2024-T1', start: '2024-12-01', end: '2025-02-28', kind: 'quarter', within: '2024' });
    const err = (() => {
      try {
        parseFramework(copy, 'cadre.json');
      } catch (e) {
        return e as FrameworkError;
      }
      throw new Error('the broken framework was accepted');
    })();
    expect(err.message).toContain(
      'periods[2].within : 2024-T1 n’est pas comprise dans 2024 (du 01/01/2024 au 31/12/2024)',
    );
    expect(err.message).toContain(
      'budgetLines : les rubriques du budget font 96\u202f303\u202f058, pas le budget du projet 96\u202f303\u202f057',
    );
    expect(err.text('en')).toContain('budgetLines: the budget lines add up to 96,303,058, not to the project budget');
    expect(err.text('en')).not.toMatch(/[«»\u202f]| [:;]/);
  });

  it('lists every problem, not only the first', () => {
    const found = problems((fw) => {
      fw.indicators[3]!.targets.BAR = 1.5;
      fw.project.currency = 'EUR';
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^indicators\[3\]\.targets\.BAR: /),
        expect.stringMatching(/^project\.currency: /),
      ]),
    );
  });
});

/** What a format-1 file looked like: no "format", no targets per period. */
function formatOne(fw: RawFramework): void {
  delete fw.format;
  for (const list of [fw.indicators, fw.beneficiaries]) for (const item of list) delete item.periodTargets;
  for (const line of fw.budgetLines) delete line.periodPlanned;
}

/** Every commune with the same value. */
const each = (value: number): Record<string, number> => Object.fromEntries(raw.communes.map((c) => [c.code, value]));

/** The real framework with its year 2024 grouping four quarters, R1.1.1 (sum) and R4.2.1 (max) targeted per quarter. */
function quarterly(fw: RawFramework): void {
  withQuarters(fw);
  fw.indicators[0]!.periodTargets = {
    ...fw.indicators[0]!.periodTargets,
    '2024': each(40),
    ...Object.fromEntries(QUARTERS.map((q) => [q, each(10)])),
  };
  fw.indicators[10]!.periodTargets = {
    '2024': each(3),
    '2024-T1': each(1),
    '2024-T2': each(3),
    '2024-T3': each(2),
    '2024-T4': each(3),
  };
}

describe('the period dimension (format 2)', () => {
  it('accepts quarters within a year, targets per quarter that add up to the year’s, and a baseline', () => {
    const copy = structuredClone(raw);
    quarterly(copy);
    copy.indicators[0]!.baseline = { value: 12, year: 2022, comment: 'Enquête de base' };
    // A year's own target with only some of its quarters targeted: nothing to compare it with.
    copy.budgetLines[0]!.periodPlanned!['2024'] = each(1000000);
    copy.budgetLines[0]!.periodPlanned!['2024-T1'] = each(200000);
    const fw = parseFramework(copy);
    expect(fw.periods.filter((p) => p.within === '2024').map((p) => p.label)).toEqual([...QUARTERS]);
    expect(fw.indicators[0]!.baseline).toEqual({ value: 12, year: 2022, comment: 'Enquête de base' });
    expect(fw.indicators[10]!.periodTargets['2024']!.GNZ).toBe(3);
  });

  it('gives an indicator without targets per period none (« cible non définie »)', () => {
    const copy = structuredClone(raw);
    delete copy.indicators[0]!.periodTargets;
    delete copy.budgetLines[0]!.periodPlanned;
    const fw = parseFramework(copy);
    expect(fw.indicators[0]!.periodTargets).toEqual({});
    expect(fw.budgetLines[0]!.periodPlanned).toEqual({});
  });

  it.each<[string, (fw: RawFramework) => void, string]>([
    [
      'a format-1 file (no "format")',
      formatOne,
      'format: expected "format": 2: this framework file is in an older format; add "format": 2 and the targets per period',
    ],
    ['"format": 1', (fw) => (fw.format = 1), 'format: expected "format": 2: this framework file is in an older format'],
    [
      'a period within an unknown one',
      (fw) =>
        fw.periods.push({ label: '2025-T1', start: '2025-01-01', end: '2025-03-31', kind: 'quarter', within: '2025' }),
      'periods[2].within: unknown period 2025',
    ],
    [
      'a quarter outside its year’s dates',
      (fw) =>
        fw.periods.push({ label: '2024-T1', start: '2024-12-01', end: '2025-02-28', kind: 'quarter', within: '2024' }),
      'periods[2].within: 2024-T1 is not inside 2024 (1 Jan 2024 to 31 Dec 2024)',
    ],
    ['a period within itself', (fw) => (fw.periods[0]!.within = '2023'), 'periods[0].within: 2023 is within itself'],
    [
      'two periods within each other',
      (fw) => {
        fw.periods.push(
          { label: 'A', start: '2024-01-01', end: '2024-06-30', within: 'B' },
          { label: 'B', start: '2024-01-01', end: '2024-06-30', within: 'A' },
        );
      },
      'periods[2].within: A is within itself',
    ],
    ['a period of an unknown kind', (fw) => (fw.periods[0]!.kind = 'semestre'), 'periods[0].kind:'],
    [
      'a target for an unknown period',
      (fw) => (fw.indicators[0]!.periodTargets!['2025'] = each(5)),
      'indicators[0].periodTargets.2025: unknown period 2025',
    ],
    [
      'a period target without a commune',
      (fw) => delete fw.indicators[2]!.periodTargets!['2023']!.ANS,
      'indicators[2].periodTargets.2023.ANS: missing the target of commune ANS',
    ],
    [
      'a period target for an unknown commune',
      (fw) => (fw.beneficiaries[1]!.periodTargets!['2023']!.XYZ = 3),
      'beneficiaries[1].periodTargets.2023.XYZ: unknown commune XYZ',
    ],
    [
      'a planned amount for an unknown period',
      (fw) => (fw.budgetLines[3]!.periodPlanned!['2030'] = each(1)),
      'budgetLines[3].periodPlanned.2030: unknown period 2030',
    ],
    [
      'a fractional period target',
      (fw) => (fw.indicators[0]!.periodTargets!['2023']!.GNZ = 2.5),
      'indicators[0].periodTargets.2023.GNZ: expected a whole number',
    ],
    [
      'a year’s own target that its quarters do not add up to (sum)',
      (fw) => {
        quarterly(fw);
        fw.indicators[0]!.periodTargets!['2024-T3']!.GNZ = 12;
      },
      'indicators[0].periodTargets.2024.GNZ: the targets of the periods within 2024 add up to 42, not to its own target 40',
    ],
    [
      'a year’s own target other than its largest quarter’s (max)',
      (fw) => {
        quarterly(fw);
        fw.indicators[10]!.periodTargets!['2024']!.SAL = 5;
      },
      'indicators[10].periodTargets.2024.SAL: the targets of the periods within 2024 add up to 3, not to its own target 5',
    ],
    [
      'a year’s planned amount that its quarters do not add up to',
      (fw) => {
        withQuarters(fw);
        fw.budgetLines[1]!.periodPlanned = {
          '2024': each(100),
          '2024-T1': each(25),
          '2024-T2': each(25),
          '2024-T3': each(25),
          '2024-T4': each(24),
        };
      },
      'budgetLines[1].periodPlanned.2024.GNZ: the targets of the periods within 2024 add up to 99, not to its own target 100',
    ],
    [
      'a negative baseline',
      (fw) => (fw.indicators[0]!.baseline = { value: -1, year: 2022 }),
      'indicators[0].baseline.value: expected a number ≥ 0',
    ],
    [
      'a baseline year written as text',
      (fw) => (fw.indicators[0]!.baseline = { value: 3, year: '2022' }),
      'indicators[0].baseline.year:',
    ],
    [
      'a baseline without its year',
      (fw) => (fw.indicators[0]!.baseline = { value: 3 }),
      'indicators[0].baseline.year:',
    ],
    [
      'a baseline with an unknown key',
      (fw) => (fw.indicators[0]!.baseline = { value: 3, year: 2022, annee: 2022 }),
      'indicators[0].baseline: unknown key(s): "annee"',
    ],
  ])('%s is refused', (_name, mutate, start) => {
    const found = problems(mutate);
    expect(found.filter((p) => p.startsWith(start))).toHaveLength(1);
  });

  it('a format-1 file gets exactly one problem: what to add', () => {
    expect(problems(formatOne)).toEqual([
      'format: expected "format": 2: this framework file is in an older format; add "format": 2 and the targets per period ("periodTargets", "periodPlanned"), as in templates/framework.json',
    ]);
  });
});

describe('loadFrameworkFile', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'framework-test-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing file', () => {
    const file = path.join(dir, 'absent.json');
    expect(() => loadFrameworkFile(file)).toThrow(
      new Error(`${file} : lecture impossible (ENOENT) : vérifiez le chemin du fichier`),
    );
  });

  it('names a file that is not JSON', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "id": ');
    expect(() => loadFrameworkFile(file)).toThrow(/broken\.json : ce n’est pas du JSON valide \(ligne 1, colonne 9\)/);
    writeFileSync(file, '{\n  "id": "x",\n  "version" "1.0.0"\n}');
    expect(() => loadFrameworkFile(file)).toThrow(/broken\.json : ce n’est pas du JSON valide \(ligne 3, colonne 13\)/);
  });

  it('names the file and the path of a schema problem', () => {
    const file = path.join(dir, 'cadre.json');
    const copy = structuredClone(raw);
    copy.indicators[3]!.targets.BAR = 1.5;
    writeFileSync(file, JSON.stringify(copy));
    expect(() => loadFrameworkFile(file)).toThrow(`${file} : indicators[3].targets.BAR : nombre entier attendu`);
  });

  it('the CLI prints a framework error as one line naming the file, the path and what to do', async () => {
    const file = path.join(dir, 'cadre-format-1.json');
    const copy = structuredClone(raw);
    formatOne(copy);
    copy.indicators[0]!.targets.GNZ = 1.5;
    writeFileSync(file, JSON.stringify(copy, null, 2));
    const result = await runCli(validateCli, ['--framework', file, path.join(dir, 'GNZ-2024.xlsx')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual([
      `Cadre de résultats invalide – ${file} : format : "format": 2 attendu : ce cadre de résultats est dans un format plus ancien ; ajoutez "format": 2 et les cibles par période ("periodTargets", "periodPlanned"), comme dans templates/framework.json ; indicators[0].targets.GNZ : nombre entier attendu`,
    ]);
    const english = await runCli(validateCli, ['--lang', 'en', '--framework', file, path.join(dir, 'GNZ-2024.xlsx')]);
    expect(english.code).toBe(2);
    expect(lines(english.stderr)).toEqual([
      `Invalid results framework – ${file}: format: expected "format": 2: this framework file is in an older format; add "format": 2 and the targets per period ("periodTargets", "periodPlanned"), as in templates/framework.json; indicators[0].targets.GNZ: expected a whole number`,
    ]);
  });
});

describe('formatPath', () => {
  it.each<[PropertyKey[], string]>([
    [[], ''],
    [['budgetLines'], 'budgetLines'],
    [['indicators', 3, 'targets', 'BAR'], 'indicators[3].targets.BAR'],
    [['periods', 0, 'end'], 'periods[0].end'],
  ])('%j → %j', (keys, expected) => {
    expect(formatPath(keys)).toBe(expected);
  });
});
