import { periodTree, reportingPeriodsOf, reportingPeriodsTo } from '../framework/periods';
import type { Framework } from '../framework/schema';
import { timeliness } from '../timeliness';
import type { AcceptedReport, CommunePeriod, SourceRecord } from './model';

/**
 * The periods a consolidation covers: the requested one, else every period that any file read speaks
 * of (accepted or refused), in framework order. A period that only a refused file names is still in
 * scope: its communes are then « non reçu » for it, never silently left out.
 */
export function periodsInScope(
  framework: Framework,
  reports: readonly AcceptedReport[],
  sources: readonly SourceRecord[],
  requested?: string,
): string[] {
  if (requested) return reportingPeriodsOf(framework.periods, requested);
  const named = new Set<string>(reports.map((r) => r.period));
  for (const s of sources) if (s.status !== 'skipped' && s.period) for (const p of s.period.split(', ')) named.add(p);
  return periodTree(framework.periods).reporting.filter((p) => named.has(p));
}

/** The reporting periods a selection's cumulative to date covers: every one up to its end. */
export function periodsToDate(framework: Framework, selection: string): string[] {
  const within = reportingPeriodsOf(framework.periods, selection);
  return within.length === 0 ? [] : reportingPeriodsTo(framework.periods, within.at(-1)!);
}

/**
 * Each commune × period in scope: received (an accepted report), rejected (only refused files for it)
 * or missing (no file at all). Reports are already settled: at most one per commune and period.
 */
export function coverage(
  framework: Framework,
  periods: readonly string[],
  reports: readonly AcceptedReport[],
  sources: readonly SourceRecord[],
): CommunePeriod[] {
  const out: CommunePeriod[] = [];
  // Indexed by commune and period: a national framework has 703 communes × 4 quarters.
  const byKey = new Map(reports.map((r) => [`${r.commune}|${r.period}`, r]));
  const refusedByKey = new Map<string, string[]>();
  for (const s of sources)
    if (s.status === 'rejected' && s.commune !== null && s.period !== null)
      for (const c of s.commune.split(', '))
        for (const p of s.period.split(', ')) {
          const files = refusedByKey.get(`${c}|${p}`);
          if (files) files.push(s.file);
          else refusedByKey.set(`${c}|${p}`, [s.file]);
        }
  for (const period of periods)
    for (const commune of framework.communes) {
      const key = `${commune.code}|${period}`;
      const report = byKey.get(key);
      if (report) {
        out.push({
          commune: commune.code,
          period,
          state: 'received',
          files: [report.source],
          entryDate: report.entryDate,
          timeliness: timeliness(framework, period, report.entryDate),
        });
        continue;
      }
      const refused = refusedByKey.get(key) ?? [];
      out.push({
        commune: commune.code,
        period,
        state: refused.length > 0 ? 'rejected' : 'missing',
        files: refused,
        entryDate: null,
        timeliness: null,
      });
    }
  return out;
}
