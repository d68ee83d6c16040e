// Used by `npm run lint` (office-addin-lint): the Office add-in rules (no context.sync in loops, load
// before read, …) over the add-in and the core it bundles. Formatting is left to the editor: the
// project does not follow office-addin-prettier-config's style, so the prettier rule is off.
import officeAddins from 'eslint-plugin-office-addins';
import tsParser from '@typescript-eslint/parser';

export default [
  ...officeAddins.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    languageOptions: { parser: tsParser },
    rules: {
      'prettier/prettier': 'off',
      // TypeScript's strict checks cover these, and know about types and overloads.
      'no-undef': 'off',
      'no-unused-vars': 'off',
      'no-redeclare': 'off',
    },
  },
];
