/**
 * Every test file runs in exactly one Jest project (see jest.config.js): a file in neither would never run,
 * one in both would run twice and slow `npm run test:unit`. Asks Jest itself which files each project takes.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const TESTS = path.join(ROOT, 'tests');
// Any file a test runner could take for a test, not only the `*.test.ts` the projects match.
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full);
    return TEST_FILE.test(entry.name) ? [path.relative(ROOT, full)] : [];
  });
}

const runJest = (...args: string[]): string =>
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

function projectFiles(project: string): Set<string> {
  const out = runJest('--listTests', '--selectProjects', project);
  // Jest also prints « Running one project: … » on stdout; the test files are the absolute paths.
  return new Set(
    out
      .split('\n')
      .filter((line) => path.isAbsolute(line))
      .map((line) => path.relative(ROOT, line)),
  );
}

const files = testFiles(TESTS);
const unit = projectFiles('unit');
const integration = projectFiles('integration');

test('the tests folder has its test files', () => {
  expect(files.length).toBeGreaterThan(80);
});

test('every test file is in exactly one project', () => {
  const misplaced = files
    .map((file) => ({
      file,
      projects: [unit.has(file) && 'unit', integration.has(file) && 'integration'].filter(Boolean),
    }))
    .filter((f) => f.projects.length !== 1);
  expect(misplaced).toEqual([]);
});

test('the fast tests are unit, the browser, LibreOffice and merge tests integration', () => {
  for (const file of [
    'tests/core/boundaries.test.ts',
    'tests/rules/required-value.test.ts',
    'tests/addin/controller.test.ts',
    'tests/repo/jest-projects.test.ts',
  ]) {
    expect(unit.has(file)).toBe(true);
  }
  for (const file of [
    'tests/addin/browser.test.ts',
    'tests/charts/libreoffice.test.ts',
    'tests/merge/cli.test.ts',
    'tests/bench/bench.test.ts',
  ]) {
    expect(integration.has(file)).toBe(true);
  }
});

test('the long tests keep their minute: the timeout is set where Jest reads it with projects', () => {
  const { globalConfig } = JSON.parse(runJest('--showConfig')) as { globalConfig: { testTimeout?: number } };
  expect(globalConfig.testTimeout).toBe(60000);
});
