import { periodTree } from '../../core/framework/periods';
import type { Framework } from '../../core/framework/schema';
import { planTemplate } from '../../core/layout/plan';
import type { Issue, Report } from '../../core/report';
import type { Tables } from '../../core/tables';
import { LOCALES } from '../../core/messages';
import { validate } from '../../core/validate';
import type { WorkbookHost } from '../excel/host';
import { LIVE_EXCEL_API, REQUIRED_EXCEL_API } from '../excel/requirements';
import { marksFromIssues } from '../excel/highlighter';
import { blankSheets, conflictingSheets, debounce, isTemplate, summarise, watchedSheets, type Summary } from './model';
import { t, type PaneLang, type PaneStrings } from './strings';
import type { Tone } from './view';

/** What the controller needs of the DOM view (PaneView implements it). */
export interface View {
  setBusy(busy: boolean): void;
  setReady(ready: boolean): void;
  status(message: string, tone?: Tone): void;
  liveHint(message: string): void;
  /** `periods`: the reporting periods a template can be made for (besides the generic one). */
  showNotTemplate(communes: readonly { code: string; name: string }[], periods: readonly string[]): void;
  showReport(report: Report, summary: Summary): void;
}

/** Re-validation waits this long after the last edit. */
export const LIVE_DELAY_MS = 600;

/**
 * The pane's behaviour: validate, select, highlight, create a template, re-validate after edits.
 * It talks to Excel only through WorkbookHost and to the page only through View.
 */
export class TaskPane {
  private tables: Tables | null = null;
  private report: Report | null = null;
  private live = false;
  private running: Promise<void> | null = null;
  private again = false;
  private quiet = false;
  readonly revalidateSoon = debounce(() => void this.validate(), LIVE_DELAY_MS);

  constructor(
    private readonly host: WorkbookHost,
    private readonly view: View,
    private readonly framework: Framework,
    private readonly lang: PaneLang,
  ) {}

  private text(key: keyof PaneStrings, params?: Record<string, string | number>): string {
    return t(this.lang, key, params);
  }

  get lastReport(): Report | null {
    return this.report;
  }

  /** Checks what this Excel can do; returns false when the pane cannot work here. */
  start(): boolean {
    if (!this.host.supports(REQUIRED_EXCEL_API)) {
      this.view.setReady(false);
      this.view.status(this.text('unsupported', { required: REQUIRED_EXCEL_API, live: LIVE_EXCEL_API }), 'error');
      return false;
    }
    this.view.setReady(true);
    this.live = this.host.supports(LIVE_EXCEL_API);
    this.view.liveHint(this.text(this.live ? 'liveOn' : 'revalidateHint'));
    return true;
  }

  private async guarded(work: () => Promise<void>): Promise<void> {
    this.view.setBusy(true);
    try {
      await work();
    } catch (err) {
      this.view.status(this.text('failed', { message: err instanceof Error ? err.message : String(err) }), 'error');
    } finally {
      this.view.setBusy(false);
    }
  }

  /** Reads and validates; a call while one runs is folded into one more run after it. */
  validate(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.guarded(() => this.validateOnce()).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.validate();
      }
    });
    return this.running;
  }

  private async validateOnce(): Promise<void> {
    this.view.status(this.text('reading'));
    const tables = await this.host.read();
    this.tables = tables;
    if (!isTemplate(tables)) {
      this.report = null;
      this.view.showNotTemplate(this.framework.communes, periodTree(this.framework.periods).reporting);
      this.view.status(this.text('notTemplate'));
      return;
    }
    const report = validate(tables, this.framework);
    this.report = report;
    this.view.showReport(report, summarise(tables, this.framework, report));
    const time = new Date().toLocaleTimeString(LOCALES[this.lang]);
    this.view.status(this.text('checkedAt', { time }), report.stats.errors > 0 ? 'error' : 'ok');
    if (this.host.hasHighlights())
      await this.host.highlight(marksFromIssues(report.issues, this.sheetNames()), this.sheetNames());
    if (this.live) await this.host.watch(watchedSheets(tables), () => this.changed());
  }

  /** An edit in a watched sheet (ExcelApi 1.7 events). */
  changed(): void {
    if (!this.quiet) this.revalidateSoon();
  }

  private sheetNames(): Set<string> {
    return new Set((this.tables?.sheets ?? []).map((s) => s.name));
  }

  select(issue: Issue): Promise<void> {
    return this.guarded(async () => {
      if (!issue.sheet) return;
      const sheet = this.tables?.sheets.find((s) => s.name === issue.sheet);
      if (sheet && sheet.state !== 'visible') {
        this.view.status(this.text('hiddenSheet', { sheet: issue.sheet, address: issue.address ?? '' }));
        return;
      }
      await this.host.select(issue.sheet, issue.address);
    });
  }

  highlight(): Promise<void> {
    return this.guarded(async () => {
      if (!this.report) {
        this.view.status(this.text('validateFirst'));
        return;
      }
      const marks = marksFromIssues(this.report.issues, this.sheetNames());
      if (marks.length === 0 && !this.host.hasHighlights()) {
        this.view.status(this.text('nothingToHighlight'), 'ok');
        return;
      }
      const count = await this.host.highlight(marks, this.sheetNames());
      this.view.status(count > 0 ? this.text('highlighted', { count }) : this.text('nothingToHighlight'), 'ok');
    });
  }

  clearHighlights(): Promise<void> {
    return this.guarded(async () => {
      if (!this.host.hasHighlights()) {
        this.view.status(this.text('nothingToClear'));
        return;
      }
      const names = this.tables ? this.sheetNames() : (await this.host.read()).sheets.map((s) => s.name);
      const count = await this.host.clearHighlights(new Set(names));
      this.view.status(this.text('cleared', { count }), 'ok');
    });
  }

  /** The commune's template for one reporting period, or the generic one (`period` null: chosen in the sheet). */
  createTemplate(communeCode: string, period: string | null = null): Promise<void> {
    return this.guarded(async () => {
      const tables = this.tables ?? (await this.host.read());
      const plan = planTemplate(this.framework, communeCode, period);
      const conflict = conflictingSheets(tables, plan)[0];
      if (conflict) {
        this.view.status(this.text('sheetExists', { sheet: conflict }), 'error');
        return;
      }
      this.view.status(this.text('writing'));
      this.quiet = true;
      try {
        await this.host.createTemplate(plan, blankSheets(tables));
      } finally {
        this.quiet = false;
        this.revalidateSoon.cancel();
      }
      await this.validateOnce();
      this.view.status(
        plan.period
          ? this.text('createdForPeriod', { commune: plan.commune.name, period: plan.period })
          : this.text('created', { commune: plan.commune.name }),
        'ok',
      );
    });
  }
}
