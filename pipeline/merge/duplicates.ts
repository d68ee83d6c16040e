import type { AcceptedReport, FileIssue } from '../../core/consolidate/model';
import type { Framework } from '../../core/framework/schema';
import type { InputOutcome } from './inputs';

/**
 * Two accepted files for the same commune and period: an error naming both, and neither is used —
 * unless `prefer` is `latest`, which keeps the one with the later date of entry (a tie stays an error).
 */
export function settleDuplicates(outcomes: InputOutcome[], framework: Framework, prefer?: 'latest'): void {
  const claims = new Map<string, { outcome: InputOutcome; report: AcceptedReport }[]>();
  for (const outcome of outcomes)
    for (const report of outcome.reports) {
      const key = `${report.commune}|${report.period}`;
      claims.set(key, [...(claims.get(key) ?? []), { outcome, report }]);
    }
  const names = new Map(framework.communes.map((c) => [c.code, c.name]));
  for (const group of claims.values()) {
    const files = [...new Set(group.map((g) => g.outcome))];
    if (files.length < 2) continue;
    const { commune, period } = group[0]!.report;
    if (prefer === 'latest') {
      const dated = [...group].sort((a, b) => (b.report.entryDate ?? '').localeCompare(a.report.entryDate ?? ''));
      const [best, second] = dated;
      if (best!.report.entryDate && best!.report.entryDate !== second!.report.entryDate) {
        for (const { outcome } of dated.slice(1)) {
          if (outcome === best!.outcome) continue;
          outcome.reports = [];
          outcome.record = { ...outcome.record, status: 'duplicate', reason: { id: 'duplicateDiscarded', params: { kept: best!.outcome.record.file } } };
        }
        continue;
      }
    }
    for (const outcome of files) {
      const others = files.filter((o) => o !== outcome).map((o) => o.record.file).join(', ');
      const issue: FileIssue = {
        file: outcome.record.file,
        ruleId: 'duplicate-report',
        severity: 'error',
        sheet: null,
        row: null,
        column: null,
        address: null,
        messageId: 'duplicate',
        params: { commune: names.get(commune) ?? commune, period, others },
      };
      outcome.issues.push(issue);
      outcome.reports = [];
      outcome.record = { ...outcome.record, status: 'rejected', reason: { id: 'duplicate', params: { others } }, errors: outcome.record.errors + 1 };
    }
  }
}
