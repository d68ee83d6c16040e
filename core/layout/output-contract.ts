/**
 * The consolidated workbook's contract: its sheet names (French in every language) and the properties
 * it is written with. The writers produce it; a re-run recognises last run's output by it.
 */

/** The document properties the consolidated workbook is written with: how a re-run recognises it. */
export const OUTPUT_CREATOR = 'ensemble-me-toolkit';
export const OUTPUT_LAST_MODIFIED_BY = 'npm run merge';

/** Sheet names of the consolidated workbook, in order. */
export const OUTPUT_SHEETS = {
  synthesis: 'Synthèse',
  plannedVsAchieved: 'Prévu vs Réalisé',
  /** Every reporting period: its own target, achieved, cumulative to date (added with the targets per period). */
  evolution: 'Évolution',
  budget: 'Budget',
  beneficiaries: 'Bénéficiaires',
  data: 'Données',
  controls: 'Contrôles',
  sources: 'Sources',
  /** Last: the whole of every text cut in another sheet. */
  longTexts: 'Textes longs',
} as const;

/**
 * The feedback workbooks (`--feedback DIR`): read-only views for the communes, written with these
 * properties and a first sheet of these names. Dropped in the input folder, they are never read as reports.
 */
export const FEEDBACK_LAST_MODIFIED_BY = 'npm run merge --feedback';
export const FEEDBACK_KEYWORDS = 'ensemble-me-toolkit retour';
/** The first sheet of a feedback workbook, in each language it is written in. */
export const FEEDBACK_FIRST_SHEETS: readonly string[] = ['À corriger', 'To fix'];
