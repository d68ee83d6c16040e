/**
 * The template contract: sheet names, headers and labels that the generator writes and every tool
 * finds again by normalised name (never by position). Change it only with TEMPLATE_VERSION.
 */

/** 2: Prévu holds the period's own target (period templates) or stays blank (generic template). */
export const TEMPLATE_VERSION = '2';

export const SHEET_NAMES = {
  identification: 'Identification',
  indicators: 'Indicateurs',
  budget: 'Budget',
  beneficiaries: 'Bénéficiaires',
  instructions: 'Instructions',
  meta: '_meta',
} as const;

export type FieldKind = 'text' | 'period' | 'date';

export const IDENTIFICATION_FIELDS = [
  { key: 'project', label: 'Projet', prefilled: true, kind: 'text', required: false },
  { key: 'region', label: 'Région', prefilled: true, kind: 'text', required: false },
  { key: 'cercle', label: 'Cercle', prefilled: true, kind: 'text', required: false },
  { key: 'commune', label: 'Commune', prefilled: true, kind: 'text', required: true },
  { key: 'period', label: 'Période', prefilled: false, kind: 'period', required: true },
  { key: 'filledBy', label: 'Rempli par', prefilled: false, kind: 'text', required: true },
  { key: 'role', label: 'Fonction', prefilled: false, kind: 'text', required: false },
  { key: 'phone', label: 'Téléphone', prefilled: false, kind: 'text', required: false },
  { key: 'entryDate', label: 'Date de saisie', prefilled: false, kind: 'date', required: true },
] as const satisfies readonly { key: string; label: string; prefilled: boolean; kind: FieldKind; required: boolean }[];

export type IdentificationKey = (typeof IDENTIFICATION_FIELDS)[number]['key'];

export const TABLE_COLUMNS = {
  indicators: [
    { key: 'code', header: 'Code' },
    { key: 'result', header: 'Résultat' },
    { key: 'label', header: 'Indicateur' },
    { key: 'unit', header: 'Unité' },
    { key: 'planned', header: 'Prévu' },
    { key: 'achieved', header: 'Réalisé' },
    { key: 'women', header: 'Femmes' },
    { key: 'men', header: 'Hommes' },
    { key: 'comment', header: 'Commentaire' },
  ],
  budget: [
    { key: 'code', header: 'Code' },
    { key: 'label', header: 'Rubrique' },
    { key: 'planned', header: 'Prévu (FCFA)' },
    { key: 'spent', header: 'Dépensé (FCFA)' },
    { key: 'comment', header: 'Commentaire' },
  ],
  beneficiaries: [
    { key: 'code', header: 'Code' },
    { key: 'label', header: 'Catégorie' },
    { key: 'planned', header: 'Prévu' },
    { key: 'women', header: 'Femmes' },
    { key: 'men', header: 'Hommes' },
    { key: 'total', header: 'Total' },
  ],
} as const;

export type TableKey = keyof typeof TABLE_COLUMNS;
export type ColumnKey<T extends TableKey> = (typeof TABLE_COLUMNS)[T][number]['key'];
export const TABLE_KEYS: readonly TableKey[] = ['indicators', 'budget', 'beneficiaries'];

/** Keys of the very hidden `_meta` sheet (column A), values in column B. */
export const META_KEYS = {
  frameworkId: 'frameworkId',
  frameworkVersion: 'frameworkVersion',
  communeCode: 'communeCode',
  templateVersion: 'templateVersion',
  /** The reporting period of a period template; absent from the generic template. */
  period: 'period',
} as const;

/** What Prévu shows when the period has no target for the commune (never the whole project's target). */
export const UNDEFINED_TARGET_TEXT = 'cible non définie';

/** The tidy long table: the consolidated `Données` sheet, its CSV export, and the CSV input format. */
export const TIDY_COLUMNS = [
  { key: 'period', header: 'Période', required: true },
  { key: 'commune', header: 'Commune', required: true },
  { key: 'cercle', header: 'Cercle', required: false },
  { key: 'section', header: 'Section', required: true },
  { key: 'code', header: 'Code', required: true },
  { key: 'label', header: 'Libellé', required: false },
  { key: 'disaggregation', header: 'Désagrégation', required: true },
  { key: 'planned', header: 'Prévu', required: false },
  { key: 'achieved', header: 'Réalisé', required: true },
  { key: 'source', header: 'Source', required: false },
  // Added with targets per period, after the first ten so that readers of the older table keep working.
  { key: 'periodStart', header: 'Début de période', required: false },
  { key: 'periodEnd', header: 'Fin de période', required: false },
  { key: 'endTarget', header: 'Cible fin de projet', required: false },
  { key: 'baseline', header: 'Référence', required: false },
  { key: 'baselineYear', header: 'Année de référence', required: false },
] as const;

/** The tidy table's first ten columns: the whole table before targets per period (its older `--csv` files). */
export const TIDY_COLUMNS_V1 = TIDY_COLUMNS.slice(0, 10);

export type TidyKey = (typeof TIDY_COLUMNS)[number]['key'];

export const SECTION_LABELS = { indicators: 'Indicateurs', budget: 'Budget', beneficiaries: 'Bénéficiaires' } as const;
export const DISAGGREGATION_LABELS = { total: 'Total', women: 'Femmes', men: 'Hommes' } as const;
