import type { AcceptedReport, FileIssue } from '../../core/consolidate/model';
import type { Framework } from '../../core/framework/schema';
import type { InputOutcome } from './inputs';

const issue = (file: string, severity: FileIssue['severity'], messageId: string, params: FileIssue['params']): FileIssue => ({
  file,
  ruleId: 'duplicate-report',
  severity,
  sheet: null,
  row: null,
  column: null,
  address: null,
  messageId,
  params,
});

/**
 * Two accepted files for the same commune and period: an error naming both, and neither is used.
 * With `prefer` = `latest`, the report with the later date of entry is kept and only the other
 * report is set aside (a CSV holding several communes keeps its other communes); a tie, or reports
 * without a date of entry (CSV), stay an error.
 */
export function settleDuplicates(outcomes: InputOutcome[], framework: Framework, prefer?: 'latest'): void {
  const claims = new Map<string, { outcome: InputOutcome; report: AcceptedReport }[]>();
  for (const outcome of outcomes)
    for (const report of outcome.reports) {
      const key = `${report.commune}|${report.period}`;
      const list = claims.get(key);
      if (list) list.push({ outcome, report });
      else claims.set(key, [{ outcome, report }]);
    }
  const names = new Map(framework.communes.map((c) => [c.code, c.name]));
  const rejected = new Set<InputOutcome>();
  for (const group of claims.values()) {
    if (group.length < 2) continue;
    const { commune, period } = group[0]!.report;
    const params = { commune: names.get(commune) ?? commune, period };
    if (prefer === 'latest') {
      const dated = [...group].sort((a, b) => (b.report.entryDate ?? '').localeCompare(a.report.entryDate ?? ''));
      const [best, second] = dated as [(typeof group)[number], (typeof group)[number]];
      if (best.report.entryDate && best.report.entryDate !== second.report.entryDate) {
        for (const { outcome, report } of dated.slice(1)) {
          outcome.reports = outcome.reports.filter((r) => r !== report);
          outcome.issues.push(issue(outcome.record.file, 'info', 'discarded', { ...params, kept: best.outcome.record.file }));
          if (outcome.reports.length === 0)
            outcome.record = { ...outcome.record, status: 'duplicate', reason: { id: 'duplicateDiscarded', params: { kept: best.outcome.record.file } } };
        }
        continue;
      }
    }
    const files = [...new Set(group.map((g) => g.outcome))];
    for (const outcome of files) {
      const others = files.filter((o) => o !== outcome).map((o) => o.record.file).join(', ');
      outcome.issues.push(issue(outcome.record.file, 'error', 'duplicate', { ...params, others }));
      if (!rejected.has(outcome)) {
        rejected.add(outcome);
        outcome.record = { ...outcome.record, status: 'rejected', reason: { id: 'duplicate', params: { others } } };
      }
      outcome.record = { ...outcome.record, errors: outcome.record.errors + 1 };
    }
  }
  for (const outcome of rejected) outcome.reports = [];
}
