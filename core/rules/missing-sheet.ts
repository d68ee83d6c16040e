import { SHEET_NAMES } from '../layout/contract';
import { findSheet } from '../layout/locate';
import type { Rule } from './rule';

const REQUIRED = [SHEET_NAMES.identification, SHEET_NAMES.indicators, SHEET_NAMES.budget, SHEET_NAMES.beneficiaries];

/** Every sheet of the template is present (found by name, whatever its case or accents). */
export const missingSheet: Rule = {
  id: 'missing-sheet',
  meta: {
    description: { fr: 'Chaque feuille du modèle est présente.', en: 'Every sheet of the template is present.' },
    severity: 'error',
    messageIds: ['missing'],
  },
  check({ view, report }) {
    for (const name of REQUIRED)
      if (!findSheet(view.tables, name)) report({ messageId: 'missing', where: { sheet: null }, params: { sheet: name } });
  },
};
