import { periodTree } from '../framework/periods';
import type { Framework } from '../framework/schema';
import { parseA1 } from '../tables';
import type { AcceptedReport, FileIssue } from './model';

/**
 * Checks that need several files (made at consolidation, not by the rules of one workbook). Their
 * messages live in the core catalogues under `checks`; the README lists them with the rules.
 */
export interface CrossFileCheck {
  id: string;
  description: { fr: string; en: string };
  severity: 'warning';
  messageIds: readonly string[];
}

export const CUMULATIVE_DECREASE = {
  id: 'cumulative-decrease',
  description: {
    fr: 'Entre les fichiers d’une commune, un indicateur cumulé ou un stock (règle des périodes « max » ou « latest ») ne diminue pas d’une période à l’autre.',
    en: "Across a commune's files, a running total or a stock (periods rule “max” or “latest”) does not go down from one period to the next.",
  },
  severity: 'warning',
  messageIds: ['decrease'],
} as const satisfies CrossFileCheck;

export const CROSS_FILE_CHECKS: readonly CrossFileCheck[] = [CUMULATIVE_DECREASE];

interface Highest {
  value: number;
  period: string;
  file: string;
}

/**
 * For indicators whose value is a running total or a stock (periods rule 'max' or 'latest'), a commune's
 * value lower than an earlier reporting period's is suspect: one of the two files is probably wrong. Each
 * such value gives a warning on the later file's cell, naming the earlier period with the highest value.
 * Only reporting periods are compared (a year that groups quarters is not in the same time line), and
 * only the Total row (the sexes follow it).
 */
export function cumulativeDecreases(framework: Framework, reports: readonly AcceptedReport[]): FileIssue[] {
  const order = new Map(periodTree(framework.periods).reporting.map((label, i) => [label, i]));
  const codes = framework.indicators.filter((i) => i.aggregation.periods !== 'sum').map((i) => i.code);
  if (codes.length === 0) return [];
  const byCommune = new Map<string, AcceptedReport[]>();
  for (const report of reports) {
    if (!order.has(report.period)) continue;
    const list = byCommune.get(report.commune) ?? [];
    list.push(report);
    byCommune.set(report.commune, list);
  }
  const issues: FileIssue[] = [];
  for (const list of byCommune.values()) {
    if (new Set(list.map((r) => r.period)).size < 2) continue;
    const inTime = [...list].sort((a, b) => order.get(a.period)! - order.get(b.period)!);
    const totals = inTime.map(
      (r) =>
        new Map(
          r.points.filter((p) => p.section === 'indicators' && p.disaggregation === 'total').map((p) => [p.code, p]),
        ),
    );
    for (const code of codes) {
      let highest: Highest | null = null;
      inTime.forEach((report, n) => {
        const point = totals[n]!.get(code);
        if (!point || point.achieved === null) return;
        const value = point.achieved;
        // Two files of the same period are the duplicates check's business, not a decrease.
        if (highest && highest.period !== report.period && value < highest.value)
          issues.push({
            file: report.source,
            ruleId: CUMULATIVE_DECREASE.id,
            severity: CUMULATIVE_DECREASE.severity,
            ...where(point.source),
            messageId: 'decrease',
            params: {
              code,
              value,
              period: report.period,
              earlier: highest.value,
              earlierPeriod: highest.period,
              earlierFile: highest.file,
            },
          });
        // Ties move on to the later period: the message then names the nearest one.
        if (!highest || value >= highest.value) highest = { value, period: report.period, file: report.source };
      });
    }
  }
  return issues;
}

/** `Indicateurs!F5` → its sheet and cell; no cell when the point has no known place. */
function where(source: string | null): Pick<FileIssue, 'sheet' | 'row' | 'column' | 'address'> {
  const bang = source ? source.lastIndexOf('!') : -1;
  if (!source || bang <= 0) return { sheet: null, row: null, column: null, address: null };
  const address = source.slice(bang + 1);
  try {
    const { row, column } = parseA1(address);
    return { sheet: source.slice(0, bang), row, column, address };
  } catch {
    return { sheet: source.slice(0, bang), row: null, column: null, address: null };
  }
}
