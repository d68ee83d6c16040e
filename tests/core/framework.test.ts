import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FrameworkError, formatPath, parseFramework } from '../../core/framework/load';
import { isPeople } from '../../core/framework/schema';
import { DEFAULT_FRAMEWORK, loadFrameworkFile } from '../../pipeline/framework-file';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const raw: Json = JSON.parse(readFileSync(DEFAULT_FRAMEWORK, 'utf8'));

/** The problems of a broken copy of the real framework (it must fail). */
function problems(mutate: (fw: Json) => void): string[] {
  const copy = structuredClone(raw);
  mutate(copy);
  try {
    parseFramework(copy, 'framework.json');
  } catch (err) {
    expect(err).toBeInstanceOf(FrameworkError);
    const e = err as FrameworkError;
    expect(e.name).toBe('FrameworkError');
    expect(e.source).toBe('framework.json');
    expect(e.message).toBe(`framework.json: ${e.problems.join('; ')}`);
    return e.problems;
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
    expect(fw.results.map((r) => r.code)).toEqual(['R1.1', 'R1.2', 'R2.2', 'R3.1', 'R3.2', 'R3.3', 'R4.1', 'R4.2', 'R4.3']);
  });

  it('has budget lines that add up to exactly 96 303 057 FCFA, the project budget', () => {
    const total = fw.budgetLines.reduce((sum, line) => sum + Object.values(line.planned).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(96303057);
    expect(fw.project.budget).toBe(96303057);
    expect(fw.project.currency).toBe('XOF');
  });

  it('disaggregates by sex exactly the people counts', () => {
    expect(fw.indicators.filter(isPeople).map((i) => i.code)).toEqual(['R1.1.1', 'R1.1.2', 'R1.2.1', 'R3.1.2', 'R3.2.1']);
    expect(fw.beneficiaries.filter(isPeople).map((b) => b.code)).toEqual(['BEN-0-14', 'BEN-15-17', 'BEN-18-24']);
  });

  it('gives 120 grace days when the file does not say', () => {
    const copy = structuredClone(raw);
    delete copy.entryGraceDays;
    expect(parseFramework(copy).entryGraceDays).toBe(120);
  });
});

describe('a broken framework fails with a FrameworkError naming the path', () => {
  it.each<[string, (fw: Json) => void, string]>([
    ['a fractional commune target', (fw) => (fw.indicators[3].targets.BAR = 1.5), 'indicators[3].targets.BAR: expected a whole number'],
    ['a negative commune target', (fw) => (fw.indicators[0].targets.GNZ = -1), 'indicators[0].targets.GNZ: expected a number ≥ 0'],
    ['a target written as text', (fw) => (fw.indicators[0].targets.GNZ = '25'), 'indicators[0].targets.GNZ: expected a whole number'],
    ['a commune without target', (fw) => delete fw.indicators[2].targets.ANS, 'indicators[2].targets.ANS: missing the target of commune ANS'],
    ['a target for an unknown commune', (fw) => (fw.beneficiaries[1].targets.XYZ = 0), 'beneficiaries[1].targets.XYZ: unknown commune XYZ'],
    ['a budget line without a commune', (fw) => delete fw.budgetLines[4].planned.SAL, 'budgetLines[4].planned.SAL: missing the target of commune SAL'],
    ['targets that do not add up', (fw) => (fw.indicators[1].target = 101), "indicators[1].targets: the communes' targets add up to 100, not to the project target 101"],
    ['budget lines one franc over', (fw) => (fw.budgetLines[5].planned.GNZ += 1), 'budgetLines: the budget lines add up to 96303058, not to the project budget 96303057'],
    ['contributions that do not add up', (fw) => (fw.contributions[0].amount = 1), 'contributions: the contributions add up to 1, not to the project budget 96303057'],
    ['a duplicate indicator code', (fw) => (fw.indicators[1].code = 'R1.1.1'), 'indicators[1].code: duplicate code R1.1.1'],
    ['a duplicate commune', (fw) => fw.communes.push({ ...fw.communes[0] }), 'communes[4].code: duplicate code GNZ'],
    ['an unknown expected result', (fw) => (fw.indicators[0].result = 'R9.9'), 'indicators[0].result: unknown expected result R9.9'],
    ['an indicator code outside its result', (fw) => (fw.indicators[4].code = 'R3.2.9'), 'indicators[4].code: expected a code of the form R2.2.<n>'],
    ['a code with spaces', (fw) => (fw.communes[0].code = 'G N Z'), 'communes[0].code: expected a code made of letters'],
    ['another currency', (fw) => (fw.project.currency = 'EUR'), 'project.currency: expected XOF (FCFA)'],
    ['a period ending before it starts', (fw) => (fw.periods[0].end = '2022-12-31'), 'periods[0].end: the period ends before it starts'],
    ['a period date written the French way', (fw) => (fw.periods[1].start = '01/01/2024'), 'periods[1].start: expected a date written YYYY-MM-DD'],
    ['a duplicate period', (fw) => (fw.periods[1].label = '2023'), 'periods[1].label: duplicate period 2023'],
    ['a version without patch number', (fw) => (fw.version = '1.0'), 'version: expected a version such as 1.0.0'],
    ['an over-achievement threshold of 100 %', (fw) => (fw.thresholds.overAchievement = 1), 'thresholds.overAchievement:'],
    ['a negative grace period', (fw) => (fw.entryGraceDays = -1), 'entryGraceDays: expected a number ≥ 0'],
    ['an unknown key (a typo)', (fw) => (fw.indicators[0].cible = 25), 'indicators[0]: Unrecognized key'],
    ['no budget lines', (fw) => delete fw.budgetLines, 'budgetLines:'],
    ['no commune', (fw) => (fw.communes = []), 'communes:'],
    ['an aggregation rule that does not exist', (fw) => (fw.indicators[0].aggregation.periods = 'average'), 'indicators[0].aggregation.periods:'],
  ])('%s', (_name, mutate, start) => {
    const found = problems(mutate);
    expect(found.filter((p) => p.startsWith(start))).toHaveLength(1);
  });

  it('names the file and has no path for a document that is not an object', () => {
    expect(() => parseFramework(null, 'cadre.json')).toThrow(new FrameworkError('cadre.json', ['Invalid input: expected object, received null']));
  });

  it('lists every problem, not only the first', () => {
    const found = problems((fw) => {
      fw.indicators[3].targets.BAR = 1.5;
      fw.project.currency = 'EUR';
    });
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^indicators\[3\]\.targets\.BAR: /), expect.stringMatching(/^project\.currency: /)]));
  });
});

describe('loadFrameworkFile', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'framework-test-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing file', () => {
    const file = path.join(dir, 'absent.json');
    expect(() => loadFrameworkFile(file)).toThrow(new FrameworkError(file, ['cannot be read (ENOENT)']));
  });

  it('names a file that is not JSON', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "id": ');
    expect(() => loadFrameworkFile(file)).toThrow(/broken\.json: is not valid JSON/);
  });

  it('names the file and the path of a schema problem', () => {
    const file = path.join(dir, 'cadre.json');
    const copy = structuredClone(raw);
    copy.indicators[3].targets.BAR = 1.5;
    writeFileSync(file, JSON.stringify(copy));
    expect(() => loadFrameworkFile(file)).toThrow(`${file}: indicators[3].targets.BAR: expected a whole number`);
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
