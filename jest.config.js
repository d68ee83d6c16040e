/**
 * Jest runs the TypeScript sources directly; type errors are caught by `tsc --noEmit` in `npm test`.
 *
 * Two projects, chosen by the test file's path (`npm test` runs both, `npm run test:unit` the first):
 * - unit: core, rules, texts, the add-in's model, controller and readers; in memory or small files, seconds.
 *   tests/{core,rules,addin,pipeline-text,texts,docs,repo}/, except the add-in's browser test.
 * - integration: whatever starts a browser, LibreOffice, Python or a command end to end, renders charts,
 *   merges real workbooks, exports, or benches. tests/{merge,pipeline,charts,print,cli,bench,feedback,exports}/ and the
 *   add-in's browser test.
 * A new test goes in the folder of what it tests; a new folder must be added to one list below:
 * tests/repo/jest-projects.test.ts fails while a test file is in neither project or in both.
 */
const UNIT = [
  '<rootDir>/tests/{core,rules,addin,pipeline-text,texts,docs,repo}/**/*.test.ts',
  '!**/tests/addin/browser.test.ts',
];
const INTEGRATION = [
  '<rootDir>/tests/{merge,pipeline,charts,print,cli,bench,feedback,exports}/**/*.test.ts',
  '<rootDir>/tests/addin/browser.test.ts',
];

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: UNIT },
    { ...shared, displayName: 'integration', testMatch: INTEGRATION },
  ],
  // Jest reads the timeout from the top level only: set in a project, it is ignored (5 s).
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
};
