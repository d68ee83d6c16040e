import { isReportingPeriod, periodTarget, periodTree, type PeriodTargets } from '../framework/periods';
import { isPeople, type AggregationRule, type Commune, type Framework } from '../framework/schema';
import { isoDateToSerial, serialToIsoDate } from '../tables';
import {
  IDENTIFICATION_FIELDS,
  META_KEYS,
  SHEET_NAMES,
  TABLE_COLUMNS,
  TEMPLATE_VERSION,
  UNDEFINED_TARGET_TEXT,
} from './contract';

/**
 * A commune template described as plain data. The exceljs writer (pipeline) and the Office.js writer
 * (add-in « Créer le modèle ») both render this plan, so the two templates are the same.
 */

export type CellRole =
  'title' | 'subtitle' | 'header' | 'label' | 'fixed' | 'prefilled' | 'input' | 'computed' | 'na' | 'text';

export interface Validation {
  type: 'whole' | 'date' | 'list';
  /** whole: minimum; date: first and last allowed ISO dates; list: the allowed values. */
  min?: number;
  dates?: [string, string];
  list?: string[];
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

export interface PlannedCell {
  row: number;
  column: number;
  role: CellRole;
  value?: string | number | null;
  /** Formula without `=`, with the value it evaluates to in a fresh template. */
  formula?: string;
  result?: number;
  numFmt?: string;
  validation?: Validation;
  /** Stable key of a data cell: `identification:period`, `indicators:R1.1.1:achieved`, `budget:BUD-1:planned` … */
  key?: string;
  wrap?: boolean;
  /** Grey italic text: a note in place of a value (« cible non définie »). */
  muted?: boolean;
}

export interface PlannedSheet {
  name: string;
  state: 'visible' | 'veryHidden';
  widths: number[];
  frozenRows: number;
  landscape: boolean;
  /** Rows repeated at the top of each printed page, e.g. `1:1`. */
  printTitleRows?: string;
  protect: boolean;
  cells: PlannedCell[];
}

export interface TemplatePlan {
  title: string;
  commune: Commune;
  /** The reporting period of a period template; null for the generic template (period chosen in the sheet). */
  period: string | null;
  sheets: PlannedSheet[];
}

/** Fill colour of each role (RRGGBB), the same in the exceljs template and in « Créer le modèle ». */
export const ROLE_FILLS: Partial<Record<CellRole, string>> = {
  header: '1F4E78',
  prefilled: 'F2F2F2',
  input: 'FFF2CC',
  computed: 'E2EFDA',
  na: 'D9D9D9',
};
export const BORDERED_ROLES: ReadonlySet<CellRole> = new Set([
  'header',
  'fixed',
  'prefilled',
  'input',
  'computed',
  'na',
]);
export const BORDER_COLOUR = 'BFBFBF';

/** Row heights (points) for wrapped text, 15 a line: neither Excel nor LibreOffice grows them on open. */
export function wrappedRowHeights(sheet: PlannedSheet): Map<number, number> {
  const lines = new Map<number, number>();
  for (const cell of sheet.cells) {
    if (!cell.wrap || typeof cell.value !== 'string') continue;
    const width = sheet.widths[cell.column - 1] ?? 10;
    const needed = Math.ceil((cell.value.length * 1.1) / width);
    lines.set(cell.row, Math.max(lines.get(cell.row) ?? 1, needed));
  }
  return new Map([...lines].filter(([, count]) => count > 1).map(([row, count]) => [row, 15 * count]));
}

export const COUNT_FORMAT = '#,##0';
export const DATE_FORMAT = 'dd/mm/yyyy';

const countValidation = (what: string): Validation => ({
  type: 'whole',
  min: 0,
  promptTitle: what,
  prompt: 'Nombre entier, 0 ou plus. Saisissez 0 si l’activité n’a pas été réalisée.',
  errorTitle: 'Nombre non valide',
  error: 'Saisissez un nombre entier positif ou nul, sans texte ni décimale (0 si rien n’a été réalisé).',
});

const amountValidation: Validation = {
  type: 'whole',
  min: 0,
  promptTitle: 'Dépensé (FCFA)',
  prompt: 'Montant dépensé en francs CFA, nombre entier sans centimes.',
  errorTitle: 'Montant non valide',
  error: 'Saisissez un montant en FCFA : un nombre entier positif ou nul, sans espace ni texte.',
};

function identificationSheet(framework: Framework, commune: Commune, period: string | null): PlannedSheet {
  const first = framework.periods.map((p) => p.start).sort()[0]!;
  const lastEnd = framework.periods
    .map((p) => p.end)
    .sort()
    .at(-1)!;
  const last = serialToIsoDate(isoDateToSerial(lastEnd) + framework.entryGraceDays);
  const prefilled: Record<string, string> = {
    project: framework.project.shortTitle,
    region: framework.project.region,
    cercle: commune.cercle,
    commune: commune.name,
  };
  // Only reporting periods: a year that groups quarters is consolidated, never reported on.
  const reporting = periodTree(framework.periods).reporting;
  const validations: Record<string, Validation> = {
    period: {
      type: 'list',
      list: [...reporting],
      promptTitle: 'Période',
      prompt: 'Choisissez la période couverte par ce rapport.',
      errorTitle: 'Période inconnue',
      error: `Choisissez une période de la liste : ${reporting.join(', ')}.`,
    },
    entryDate: {
      type: 'date',
      dates: [first, last],
      promptTitle: 'Date de saisie',
      prompt: 'Date du jour où vous remplissez ce fichier, au format jj/mm/aaaa.',
      errorTitle: 'Date non valide',
      error: `Saisissez une date au format jj/mm/aaaa, entre le ${frDate(first)} et le ${frDate(last)}.`,
    },
  };
  const cells: PlannedCell[] = [
    { row: 1, column: 1, role: 'title', value: `Fiche de suivi – ${framework.project.shortTitle}` },
    {
      row: 2,
      column: 1,
      role: 'subtitle',
      value: `Commune de ${commune.name} – cercle de ${commune.cercle} – région de ${framework.project.region}${period ? ` – période ${period}` : ''}`,
    },
  ];
  IDENTIFICATION_FIELDS.forEach((field, i) => {
    const row = 4 + i;
    cells.push({ row, column: 1, role: 'label', value: field.label });
    if (field.prefilled) cells.push({ row, column: 2, role: 'prefilled', value: prefilled[field.key] ?? '' });
    // A period template names its period, locked, under the same key as the input it replaces.
    else if (field.key === 'period' && period)
      cells.push({ row, column: 2, role: 'prefilled', value: period, key: `identification:${field.key}` });
    else {
      const cell: PlannedCell = { row, column: 2, role: 'input', value: null, key: `identification:${field.key}` };
      const validation = validations[field.key];
      if (validation) cell.validation = validation;
      if (field.kind === 'date') cell.numFmt = DATE_FORMAT;
      cells.push(cell);
    }
  });
  cells.push({
    row: 5 + IDENTIFICATION_FIELDS.length,
    column: 1,
    role: 'text',
    value:
      'Les cellules jaunes sont à remplir ; les cellules grises viennent du cadre de résultats. Voir la feuille « Instructions ».',
  });
  return {
    name: SHEET_NAMES.identification,
    state: 'visible',
    widths: [22, 70],
    frozenRows: 0,
    landscape: false,
    protect: true,
    cells,
  };
}

function frDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The Prévu cell: the period's own target for the commune (« cible non définie » when it has none);
 * blank in the generic template, whose period is only known once chosen in the sheet.
 */
function plannedCell(
  framework: Framework,
  commune: Commune,
  period: string | null,
  at: { row: number; column: number; key: string },
  targets: PeriodTargets,
  rule: AggregationRule,
): PlannedCell {
  const cell: PlannedCell = { ...at, role: 'prefilled', value: null, numFmt: COUNT_FORMAT };
  if (period === null) return cell;
  const target = periodTarget(framework.periods, targets, commune.code, rule, period);
  return target === null
    ? { ...at, role: 'prefilled', value: UNDEFINED_TARGET_TEXT, muted: true }
    : { ...cell, value: target };
}

function headerCells(headers: readonly { header: string }[]): PlannedCell[] {
  return headers.map((h, i) => ({ row: 1, column: i + 1, role: 'header' as const, value: h.header }));
}

function indicatorsSheet(framework: Framework, commune: Commune, period: string | null): PlannedSheet {
  const cells = headerCells(TABLE_COLUMNS.indicators);
  framework.indicators.forEach((ind, i) => {
    const row = 2 + i;
    const people = isPeople(ind);
    const key = (field: string) => `indicators:${ind.code}:${field}`;
    cells.push(
      { row, column: 1, role: 'fixed', value: ind.code },
      { row, column: 2, role: 'fixed', value: ind.result },
      { row, column: 3, role: 'fixed', value: ind.label, wrap: true },
      { row, column: 4, role: 'fixed', value: ind.unit },
      plannedCell(
        framework,
        commune,
        period,
        { row, column: 5, key: key('planned') },
        ind.periodTargets,
        ind.aggregation.periods,
      ),
      {
        row,
        column: 6,
        role: 'input',
        value: null,
        numFmt: COUNT_FORMAT,
        key: key('achieved'),
        validation: countValidation('Réalisé'),
      },
      people
        ? {
            row,
            column: 7,
            role: 'input',
            value: null,
            numFmt: COUNT_FORMAT,
            key: key('women'),
            validation: countValidation('Femmes'),
          }
        : { row, column: 7, role: 'na', value: null },
      people
        ? {
            row,
            column: 8,
            role: 'input',
            value: null,
            numFmt: COUNT_FORMAT,
            key: key('men'),
            validation: countValidation('Hommes'),
          }
        : { row, column: 8, role: 'na', value: null },
      { row, column: 9, role: 'input', value: null, key: key('comment'), wrap: true },
    );
  });
  return {
    name: SHEET_NAMES.indicators,
    state: 'visible',
    widths: [10, 10, 58, 16, 10, 10, 10, 10, 42],
    frozenRows: 1,
    landscape: true,
    printTitleRows: '1:1',
    protect: true,
    cells,
  };
}

function budgetSheet(framework: Framework, commune: Commune, period: string | null): PlannedSheet {
  const cells = headerCells(TABLE_COLUMNS.budget);
  framework.budgetLines.forEach((line, i) => {
    const row = 2 + i;
    cells.push(
      { row, column: 1, role: 'fixed', value: line.code },
      { row, column: 2, role: 'fixed', value: line.label, wrap: true },
      plannedCell(
        framework,
        commune,
        period,
        { row, column: 3, key: `budget:${line.code}:planned` },
        line.periodPlanned,
        'sum',
      ),
      {
        row,
        column: 4,
        role: 'input',
        value: null,
        numFmt: COUNT_FORMAT,
        key: `budget:${line.code}:spent`,
        validation: amountValidation,
      },
      { row, column: 5, role: 'input', value: null, key: `budget:${line.code}:comment`, wrap: true },
    );
  });
  return {
    name: SHEET_NAMES.budget,
    state: 'visible',
    widths: [10, 50, 18, 18, 42],
    frozenRows: 1,
    landscape: true,
    printTitleRows: '1:1',
    protect: true,
    cells,
  };
}

function beneficiariesSheet(framework: Framework, commune: Commune, period: string | null): PlannedSheet {
  const cells = headerCells(TABLE_COLUMNS.beneficiaries);
  framework.beneficiaries.forEach((cat, i) => {
    const row = 2 + i;
    const key = (field: string) => `beneficiaries:${cat.code}:${field}`;
    cells.push(
      { row, column: 1, role: 'fixed', value: cat.code },
      { row, column: 2, role: 'fixed', value: cat.label, wrap: true },
      plannedCell(
        framework,
        commune,
        period,
        { row, column: 3, key: key('planned') },
        cat.periodTargets,
        cat.aggregation.periods,
      ),
    );
    if (isPeople(cat))
      cells.push(
        {
          row,
          column: 4,
          role: 'input',
          value: null,
          numFmt: COUNT_FORMAT,
          key: key('women'),
          validation: countValidation('Femmes'),
        },
        {
          row,
          column: 5,
          role: 'input',
          value: null,
          numFmt: COUNT_FORMAT,
          key: key('men'),
          validation: countValidation('Hommes'),
        },
        {
          row,
          column: 6,
          role: 'computed',
          formula: `D${row}+E${row}`,
          result: 0,
          numFmt: COUNT_FORMAT,
          key: key('total'),
        },
      );
    else
      cells.push(
        { row, column: 4, role: 'na', value: null },
        { row, column: 5, role: 'na', value: null },
        {
          row,
          column: 6,
          role: 'input',
          value: null,
          numFmt: COUNT_FORMAT,
          key: key('total'),
          validation: countValidation('Total'),
        },
      );
  });
  return {
    name: SHEET_NAMES.beneficiaries,
    state: 'visible',
    widths: [12, 48, 10, 10, 10, 10],
    frozenRows: 1,
    landscape: false,
    printTitleRows: '1:1',
    protect: true,
    cells,
  };
}

function instructionsSheet(framework: Framework, commune: Commune, period: string | null): PlannedSheet {
  const lines = [
    period
      ? `Comment remplir la fiche de suivi de ${commune.name} pour la période ${period}`
      : `Comment remplir la fiche de suivi de ${commune.name}`,
    '',
    period
      ? `1. Identification : la période ${period} est déjà inscrite ; inscrivez votre nom, votre fonction, votre téléphone et la date du jour.`
      : '1. Identification : choisissez la période, puis inscrivez votre nom, votre fonction, votre téléphone et la date du jour.',
    '2. Indicateurs : pour chaque indicateur, saisissez le réalisé de la commune sur la période. Pour les indicateurs comptés en personnes, répartissez-le entre Femmes et Hommes : Femmes + Hommes doit être égal au réalisé.',
    '3. Une activité non réalisée se saisit 0 : ne laissez jamais une cellule jaune vide.',
    '4. Si le réalisé est inférieur au prévu, ou très supérieur, expliquez pourquoi dans « Commentaire ». Ces explications alimentent la section « Écarts » du rapport.',
    '5. Budget : saisissez le montant dépensé en francs CFA, en chiffres entiers (par exemple 1250000 ; Excel l’affiche 1 250 000). Un dépassement du prévu se justifie dans « Commentaire ».',
    '6. Bénéficiaires : saisissez le nombre de filles/femmes et de garçons/hommes touchés par tranche d’âge ; le total se calcule tout seul. Pour les structures et les centres de santé, saisissez directement le total.',
    '7. Saisissez des nombres, pas du texte : « 25 » et non « 25 personnes », « 1250 » et non « 1.250 ».',
    '8. Ne renommez pas les feuilles, ne déplacez pas les colonnes et ne modifiez pas les codes ni le prévu : ils viennent du cadre de résultats.',
    '9. Avant d’envoyer le fichier, vérifiez-le avec le complément Excel « Contrôles S&E » (bouton « Valider le classeur ») s’il est installé.',
    '10. Envoyez le fichier au responsable suivi-évaluation sans changer son format (.xlsx).',
    '',
    period
      ? `Prévu : les cibles de la commune pour la période ${period}, tirées du cadre de résultats. « ${UNDEFINED_TARGET_TEXT} » : le cadre ne fixe pas encore de cible pour cette période ; laissez-le tel quel.`
      : 'Prévu : laissé vide, car les cibles dépendent de la période choisie. Pour une fiche qui affiche les cibles de la période, demandez au responsable suivi-évaluation le modèle de cette période.',
    `Projet : ${framework.project.title}`,
    `Cadre de résultats ${framework.id}, version ${framework.version} ; modèle version ${TEMPLATE_VERSION}.`,
  ];
  return {
    name: SHEET_NAMES.instructions,
    state: 'visible',
    // Narrower than a portrait A4 page at 100 % (about 98 characters): the lines print whole, at 11 points.
    widths: [90],
    frozenRows: 0,
    landscape: false,
    protect: true,
    cells: lines.map((value, i) => ({ row: i + 1, column: 1, role: i === 0 ? 'title' : 'text', value, wrap: i > 0 })),
  };
}

function metaSheet(framework: Framework, commune: Commune, period: string | null): PlannedSheet {
  const rows: [string, string][] = [
    [META_KEYS.frameworkId, framework.id],
    [META_KEYS.frameworkVersion, framework.version],
    [META_KEYS.communeCode, commune.code],
    [META_KEYS.templateVersion, TEMPLATE_VERSION],
  ];
  if (period) rows.push([META_KEYS.period, period]);
  return {
    name: SHEET_NAMES.meta,
    state: 'veryHidden',
    widths: [20, 30],
    frozenRows: 0,
    landscape: false,
    protect: true,
    cells: rows.flatMap(([k, v], i) => [
      { row: i + 1, column: 1, role: 'fixed' as const, value: k },
      { row: i + 1, column: 2, role: 'fixed' as const, value: v },
    ]),
  };
}

/**
 * The template of a commune: for one reporting period (its targets in Prévu, the period in Identification),
 * or, without a period, the generic template whose period is chosen in the sheet and whose Prévu stays blank.
 */
export function planTemplate(framework: Framework, communeCode: string, period?: string | null): TemplatePlan {
  const commune = framework.communes.find((c) => c.code === communeCode);
  if (!commune) throw new Error(`unknown commune ${communeCode}`);
  const at = period ?? null;
  if (at !== null && !isReportingPeriod(framework.periods, at))
    throw new Error(`${at} is not a reporting period of ${framework.id}`);
  return {
    title: `${framework.project.shortTitle} – ${commune.name}${at ? ` – ${at}` : ''}`,
    commune,
    period: at,
    sheets: [
      identificationSheet(framework, commune, at),
      indicatorsSheet(framework, commune, at),
      budgetSheet(framework, commune, at),
      beneficiariesSheet(framework, commune, at),
      instructionsSheet(framework, commune, at),
      metaSheet(framework, commune, at),
    ],
  };
}

/** The data cells of a plan (inputs, Prévu, computed totals) by key, to fill a template programmatically. */
export function inputCells(plan: TemplatePlan): Map<string, { sheet: PlannedSheet; cell: PlannedCell }> {
  const out = new Map<string, { sheet: PlannedSheet; cell: PlannedCell }>();
  for (const sheet of plan.sheets) for (const cell of sheet.cells) if (cell.key) out.set(cell.key, { sheet, cell });
  return out;
}

/** Template file name for a commune: `Gounzoureye.xlsx`-style, ASCII only so every system accepts it. */
export function templateFileName(framework: Framework, commune: Commune, suffix = ''): string {
  const ascii = commune.name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${framework.id}_${commune.code}_${ascii}${suffix}.xlsx`;
}
