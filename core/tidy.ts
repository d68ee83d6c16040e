import type { Disaggregation, Section } from './extract';
import { isPeople, type Framework } from './framework/schema';
import { DISAGGREGATION_LABELS, SECTION_LABELS, TIDY_COLUMNS, type TidyKey } from './layout/contract';
import { inputCells, planTemplate } from './layout/plan';
import { planToTables } from './layout/plan-tables';
import type { Issue } from './report';
import { a1, type Cell, type Tables } from './tables';
import { normalise } from './text';
import { parseNumberText } from './values';

/**
 * Data in the tidy long format (the `Données` table, a CSV export, a KoboToolbox extract) turned
 * into one template-shaped workbook per commune and period, so that the very same rules check it.
 */

export interface TidyGroup {
  commune: string;
  period: string;
  tables: Tables;
  /** `Sheet!A1` of a synthetic cell → the 1-based line and column of the tidy row it came from. */
  origin: Map<string, { row: number; column: number }>;
}

export interface TidyResult {
  groups: TidyGroup[];
  /** Problems of the rows themselves (unknown commune, code, section …), located in the tidy table. */
  issues: Issue[];
}

const FIELD: Record<Section, Partial<Record<Disaggregation, string>>> = {
  indicators: { total: 'achieved', women: 'women', men: 'men' },
  budget: { total: 'spent' },
  beneficiaries: { total: 'total', women: 'women', men: 'men' },
};

function issue(
  sheet: string,
  row: number,
  column: number,
  ruleId: string,
  messageId: string,
  params: Issue['params'] = {},
): Issue {
  return { ruleId, severity: 'error', sheet, row, column, address: a1(row, column), messageId, params };
}

/** A tidy number: French habits are normal in text data, so they are read without a warning. */
function tidyCell(text: string): Cell {
  const read = parseNumberText(text);
  if (read.status === 'empty') return { kind: 'empty', value: null };
  if (read.status === 'text') return { kind: 'number', value: read.value };
  return { kind: 'string', value: text };
}

/** `rows[0]` is the header. `sheet` names the table in issues (for a CSV: its file name). */
export function tidyToGroups(
  rows: readonly (readonly string[])[],
  framework: Framework,
  sheet: string,
  source: string,
): TidyResult {
  const issues: Issue[] = [];
  const header = rows[0] ?? [];
  const columns: Partial<Record<TidyKey, number>> = {};
  header.forEach((text, i) => {
    const col = TIDY_COLUMNS.find((c) => normalise(c.header) === normalise(text));
    if (col && columns[col.key] === undefined) columns[col.key] = i + 1;
  });
  const missing = TIDY_COLUMNS.filter((c) => c.required && columns[c.key] === undefined);
  for (const c of missing)
    issues.push({
      ...issue(sheet, 1, 1, 'missing-header', 'missing', { header: c.header, sheet }),
      column: null,
      address: null,
    });
  if (missing.length > 0) return { groups: [], issues };

  const sections = new Map(Object.entries(SECTION_LABELS).map(([k, v]) => [normalise(v), k as Section]));
  const disaggregations = new Map(
    Object.entries(DISAGGREGATION_LABELS).map(([k, v]) => [normalise(v), k as Disaggregation]),
  );
  const items: Record<Section, Map<string, { code: string; unit?: string }>> = {
    indicators: new Map(framework.indicators.map((i) => [i.code.toUpperCase(), i])),
    budget: new Map(framework.budgetLines.map((b) => [b.code.toUpperCase(), b])),
    beneficiaries: new Map(framework.beneficiaries.map((b) => [b.code.toUpperCase(), b])),
  };
  const groups = new Map<
    string,
    { commune: string; period: string; cells: Map<string, Cell>; origin: TidyGroup['origin'] }
  >();
  const seen = new Map<string, number>();
  const planCache = new Map<string, ReturnType<typeof inputCells>>();
  const plans = (code: string) => {
    let cells = planCache.get(code);
    if (!cells) planCache.set(code, (cells = inputCells(planTemplate(framework, code))));
    return cells;
  };

  for (let r = 1; r < rows.length; r++) {
    const line = r + 1;
    const row = rows[r]!;
    const get = (key: TidyKey) => (columns[key] !== undefined ? (row[columns[key] - 1] ?? '').trim() : '');
    if (row.every((v) => v.trim() === '')) continue;
    const periodText = get('period');
    const period = framework.periods.find((p) => normalise(p.label) === normalise(periodText));
    if (!period) {
      issues.push(
        issue(sheet, line, columns.period!, 'unknown-period', 'unknown', {
          text: periodText,
          periods: framework.periods.map((p) => p.label).join(', '),
        }),
      );
      continue;
    }
    const communeText = get('commune');
    const commune = framework.communes.find(
      (c) => normalise(c.name) === normalise(communeText) || normalise(c.code) === normalise(communeText),
    );
    if (!commune) {
      issues.push(
        issue(sheet, line, columns.commune!, 'unknown-commune', 'unknownName', {
          name: communeText,
          known: framework.communes.map((c) => c.name).join(', '),
        }),
      );
      continue;
    }
    const section = sections.get(normalise(get('section')));
    const item = section ? items[section].get(get('code').toUpperCase()) : undefined;
    const disaggregation = disaggregations.get(normalise(get('disaggregation')));
    if (!section || !item) {
      issues.push(
        issue(sheet, line, columns[section ? 'code' : 'section']!, 'unknown-code', 'unknown', {
          code: `${get('section')} ${get('code')}`.trim(),
        }),
      );
      continue;
    }
    const field = disaggregation ? FIELD[section][disaggregation] : undefined;
    const people = isPeople({ unit: item.unit ?? '' });
    if (!disaggregation || !field || (disaggregation !== 'total' && !people)) {
      issues.push(
        issue(sheet, line, columns.disaggregation!, 'unexpected-value', 'notDisaggregated', {
          field: get('disaggregation'),
          code: item.code,
          value: get('achieved'),
        }),
      );
      continue;
    }
    const dupKey = `${commune.code}|${period.label}|${section}|${item.code}|${disaggregation}`;
    const first = seen.get(dupKey);
    if (first !== undefined) {
      issues.push(
        issue(sheet, line, columns.code!, 'duplicate-code', 'duplicate', {
          code: `${item.code} ${get('disaggregation')}`,
          first: a1(first, columns.code!),
        }),
      );
      continue;
    }
    seen.set(dupKey, line);

    const gkey = `${commune.code}|${period.label}`;
    let group = groups.get(gkey);
    if (!group) {
      group = { commune: commune.code, period: period.label, cells: new Map(), origin: new Map() };
      groups.set(gkey, group);
    }
    const cellsOfPlan = plans(commune.code);
    const place = (key: string, text: string, column: number) => {
      const target = cellsOfPlan.get(key);
      if (!target) return;
      const at = `${target.sheet.name}!${a1(target.cell.row, target.cell.column)}`;
      // A people category's Total is the template's formula: the tidy value replaces it and is checked against F + H.
      group.cells.set(at, tidyCell(text));
      group.origin.set(at, { row: line, column });
    };
    place(`${section}:${item.code}:${field}`, get('achieved'), columns.achieved!);
    if (disaggregation === 'total' && columns.planned !== undefined && get('planned') !== '')
      place(`${section}:${item.code}:planned`, get('planned'), columns.planned);
  }

  const out: TidyGroup[] = [];
  for (const group of groups.values()) {
    const commune = framework.communes.find((c) => c.code === group.commune)!;
    const period = framework.periods.find((p) => p.label === group.period)!;
    const plan = planTemplate(framework, commune.code);
    const ids = inputCells(plan);
    const idCell = (key: string) => {
      const t = ids.get(key)!;
      return `${t.sheet.name}!${a1(t.cell.row, t.cell.column)}`;
    };
    const cells = new Map(group.cells);
    cells.set(idCell('identification:period'), { kind: 'string', value: period.label });
    cells.set(idCell('identification:filledBy'), { kind: 'string', value: source });
    // Tidy data carries no date of entry: the period's end stands in so the date rules stay quiet.
    cells.set(idCell('identification:entryDate'), { kind: 'date', value: period.end });
    out.push({ commune: commune.code, period: period.label, tables: planToTables(plan, cells), origin: group.origin });
  }
  return { groups: out, issues };
}
