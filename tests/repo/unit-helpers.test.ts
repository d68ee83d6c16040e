/**
 * The rule tests build their tables in memory; loading exceljs on the way costs a quarter of a second
 * per test file (two dozen rule files), so the table builder and the rule tester must not load it.
 */
jest.mock('exceljs', () => {
  throw new Error('exceljs loaded by a unit-test helper');
});

test('the rule tests build and validate tables without loading exceljs', () => {
  // Required here, after the mock, so that an import of exceljs anywhere below fails this test.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, after the mock, on purpose (see above)
  const { buildTables } = require('../helpers/build-tables') as typeof import('../helpers/build-tables');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, after the mock, on purpose (see above)
  const { ruleTester } = require('../helpers/rule-tester') as typeof import('../helpers/rule-tester');
  expect(typeof ruleTester).toBe('function');
  expect(buildTables().sheets.length).toBeGreaterThan(3);
});
