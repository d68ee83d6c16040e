import type { Framework } from '../framework/schema';
import { timeliness } from '../timeliness';
import type { AcceptedReport, CommunePeriod, SourceRecord } from './model';

/**
 * The periods a consolidation covers: the requested one, else every period that any file read speaks
 * of (accepted or refused), in framework order. A period that only a refused file names is still in
 * scope: its communes are then « non reçu » for it, never silently left out.
 */
export function periodsInScope(framework: Framework, reports: readonly AcceptedReport[], sources: readonly SourceRecord[], requested?: string): string[] {
  if (requested) return [requested];
  const named = new Set<string>(reports.map((r) => r.period));
  for (const s of sources) if (s.status !== 'skipped' && s.period) for (const p of s.period.split(', ')) named.add(p);
  return framework.periods.map((p) => p.label).filter((p) => named.has(p));
}

/**
 * Each commune × period in scope: received (an accepted report), rejected (only refused files for it)
 * or missing (no file at all). Reports are already settled: at most one per commune and period.
 */
export function coverage(framework: Framework, periods: readonly string[], reports: readonly AcceptedReport[], sources: readonly SourceRecord[]): CommunePeriod[] {
  const out: CommunePeriod[] = [];
  for (const period of periods)
    for (const commune of framework.communes) {
      const report = reports.find((r) => r.commune === commune.code && r.period === period);
      if (report) {
        out.push({ commune: commune.code, period, state: 'received', files: [report.source], entryDate: report.entryDate, timeliness: timeliness(framework, period, report.entryDate) });
        continue;
      }
      const refused = sources.filter(
        (s) => s.status === 'rejected' && s.commune !== null && s.period !== null && s.commune.split(', ').includes(commune.code) && s.period.split(', ').includes(period),
      );
      out.push({ commune: commune.code, period, state: refused.length > 0 ? 'rejected' : 'missing', files: refused.map((s) => s.file), entryDate: null, timeliness: null });
    }
  return out;
}
