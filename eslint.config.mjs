// `npm run lint`: typescript-eslint's type-checked recommended rules over all TypeScript (core, pipeline,
// add-in, tests, scripts), plus Microsoft's Office add-in rules (no context.sync in loops, load before
// read, …) over the code that runs in Excel: the add-in and the core it bundles. Formatting is Prettier's
// job (`npm run format:check`), so no stylistic rule is enabled here.
import js from '@eslint/js';
import officeAddins from 'eslint-plugin-office-addins';
import tseslint from 'typescript-eslint';

// The plugin's recommended preset also switches on eslint-plugin-prettier with Microsoft's style;
// only its Office rules are taken.
const officeRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((config) => Object.entries(config.rules ?? {}))
    .filter(([id]) => id.startsWith('office-addins/')),
);

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'build/', 'release/', 'coverage/', '.scratch/', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['addin/**/*.ts', 'core/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
);
