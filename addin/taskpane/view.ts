import { formatNumber, renderIssue, severityLabel } from '../../core/messages';
import type { Issue, Report } from '../../core/report';
import { groupIssues, type Summary } from './model';
import { t, type PaneLang, type PaneStrings } from './strings';

/**
 * The pane's DOM, and nothing else: no Office.js here. Every text, and above all every text that
 * comes from a cell, is put in with textContent: a cell holding markup is shown as that markup.
 */

export interface ViewHandlers {
  validate(): void;
  highlight(): void;
  clearHighlights(): void;
  /** `period` null: the generic template, its period chosen in the sheet. */
  createTemplate(commune: string, period: string | null): void;
  selectIssue(issue: Issue): void;
}

export type Tone = 'info' | 'ok' | 'error';

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class PaneView {
  constructor(
    private readonly doc: Document,
    private readonly lang: PaneLang,
    private readonly handlers: ViewHandlers,
  ) {}

  private byId<T extends HTMLElement = HTMLElement>(id: string): T {
    const node = this.doc.getElementById(id);
    if (!node) throw new Error(`missing #${id} in taskpane.html`);
    return node as T;
  }

  private text(key: keyof PaneStrings, params?: Record<string, string | number>): string {
    return t(this.lang, key, params);
  }

  /** Puts the pane's words in the page (elements marked data-i18n) and wires the buttons. */
  init(): void {
    this.doc.documentElement.lang = this.lang;
    this.doc.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
      node.textContent = this.text(node.dataset.i18n as keyof PaneStrings);
    });
    this.doc.title = this.text('title');
    this.byId('validate').addEventListener('click', () => this.handlers.validate());
    this.byId('highlight').addEventListener('click', () => this.handlers.highlight());
    this.byId('clear').addEventListener('click', () => this.handlers.clearHighlights());
    this.byId('create').addEventListener('click', () =>
      this.handlers.createTemplate(
        this.byId<HTMLSelectElement>('commune-select').value,
        this.byId<HTMLSelectElement>('period-select').value || null,
      ),
    );
  }

  setBusy(busy: boolean): void {
    this.doc.body.classList.toggle('busy', busy);
    for (const id of ['validate', 'highlight', 'clear', 'create']) this.byId<HTMLButtonElement>(id).disabled = busy;
  }

  setReady(ready: boolean): void {
    this.byId('actions').hidden = !ready;
  }

  status(message: string, tone: Tone = 'info'): void {
    const node = this.byId('status');
    node.textContent = message;
    node.className = `status ${tone}`;
  }

  liveHint(message: string): void {
    this.byId('live-hint').textContent = message;
  }

  /** Not a template: a plain message and « Créer le modèle » for a chosen commune and period. */
  showNotTemplate(communes: readonly { code: string; name: string }[], periods: readonly string[]): void {
    this.byId('summary').hidden = true;
    this.byId('results').hidden = true;
    this.byId('not-template').hidden = false;
    const select = this.byId<HTMLSelectElement>('commune-select');
    if (select.options.length !== communes.length) {
      select.replaceChildren(
        ...communes.map((c) => {
          const option = el(this.doc, 'option', undefined, `${c.name} (${c.code})`);
          option.value = c.code;
          return option;
        }),
      );
    }
    const periodSelect = this.byId<HTMLSelectElement>('period-select');
    if (periodSelect.options.length !== periods.length + 1) {
      // The generic template first (value ''): its period is chosen in the sheet, its Prévu left blank.
      const generic = el(this.doc, 'option', undefined, this.text('periodInSheet'));
      generic.value = '';
      periodSelect.replaceChildren(
        generic,
        ...periods.map((label) => {
          const option = el(this.doc, 'option', undefined, label);
          option.value = label;
          return option;
        }),
      );
    }
  }

  showReport(report: Report, summary: Summary): void {
    this.byId('not-template').hidden = true;
    this.renderSummary(summary);
    this.renderIssues(report);
  }

  private renderIssues(report: Report): void {
    const root = this.byId('results');
    root.hidden = false;
    const counts = el(this.doc, 'p', 'counts');
    const { errors, warnings } = report.stats;
    const infos = report.issues.filter((i) => i.severity === 'info').length;
    counts.append(
      el(this.doc, 'span', 'count error', this.text('errorsCount', { count: errors })),
      el(this.doc, 'span', 'count warning', this.text('warningsCount', { count: warnings })),
    );
    if (infos > 0) counts.append(el(this.doc, 'span', 'count info', this.text('infoCount', { count: infos })));
    const children: HTMLElement[] = [el(this.doc, 'h2', undefined, this.text('issues')), counts];

    if (errors === 0 && warnings === 0) children.push(el(this.doc, 'p', 'all-good', this.text('allGood')));
    else {
      if (errors > 0) children.push(el(this.doc, 'p', 'must-fix', this.text('mustFix')));
      children.push(el(this.doc, 'p', 'hint', this.text('clickHint')));
    }
    for (const group of groupIssues(report.issues)) {
      const section = el(this.doc, 'section', 'sheet-group');
      section.dataset.sheet = group.sheet ?? '';
      section.append(el(this.doc, 'h3', undefined, group.sheet ?? this.text('workbook')));
      const list = el(this.doc, 'ul', 'issues');
      for (const issue of group.issues) list.append(this.issueItem(issue));
      section.append(list);
      children.push(section);
    }
    root.replaceChildren(...children);
  }

  private issueItem(issue: Issue): HTMLLIElement {
    const item = el(this.doc, 'li');
    const button = el(this.doc, 'button', `issue ${issue.severity}`);
    button.type = 'button';
    button.dataset.rule = issue.ruleId;
    if (issue.address) button.dataset.address = issue.address;
    button.append(
      el(this.doc, 'span', 'severity', severityLabel(issue.severity, this.lang)),
      el(
        this.doc,
        'span',
        'where',
        issue.address ? this.text('cell', { address: issue.address }) : issue.sheet ? this.text('wholeSheet') : '',
      ),
      el(this.doc, 'span', 'message', renderIssue(issue, this.lang)),
    );
    if (!issue.sheet) button.disabled = true;
    else button.addEventListener('click', () => this.handlers.selectIssue(issue));
    item.append(button);
    return item;
  }

  private renderSummary(summary: Summary): void {
    const root = this.byId('summary');
    root.hidden = false;
    const n = (value: number | null) => (value === null ? '—' : formatNumber(value, this.lang));
    const facts = el(this.doc, 'dl', 'facts');
    const fact = (label: string, value: string) =>
      facts.append(el(this.doc, 'dt', undefined, label), el(this.doc, 'dd', undefined, value));
    fact(
      this.text('commune'),
      summary.communeName ? `${summary.communeName} (${summary.commune})` : (summary.commune ?? this.text('notStated')),
    );
    fact(this.text('period'), summary.period ?? this.text('notStated'));
    fact(
      this.text('completeness'),
      this.text('completenessValue', { filled: summary.filled, inputs: summary.inputs, percent: summary.completeness }),
    );

    const bar = el(this.doc, 'div', 'bar');
    const fill = el(this.doc, 'div', 'bar-fill');
    fill.style.width = `${Math.max(0, Math.min(100, summary.completeness))}%`;
    bar.append(fill);
    bar.setAttribute('role', 'progressbar');
    bar.setAttribute('aria-valuenow', String(summary.completeness));
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', '100');

    const children: HTMLElement[] = [
      el(this.doc, 'h2', undefined, this.text('summary')),
      facts,
      bar,
      el(this.doc, 'h3', undefined, this.text('byResult')),
    ];
    for (const result of summary.results) {
      const block = el(this.doc, 'details', 'result');
      block.dataset.result = result.code;
      const head = el(this.doc, 'summary');
      head.append(
        el(this.doc, 'strong', undefined, result.code),
        el(this.doc, 'span', 'statement', ` ${result.statement}`),
      );
      if (result.averageRate !== null)
        head.append(el(this.doc, 'span', 'average', ` — ${this.text('averageRate', { percent: result.averageRate })}`));
      const table = el(this.doc, 'table');
      const header = el(this.doc, 'tr');
      for (const key of ['code', 'indicator', 'planned', 'achieved', 'rate'] as const)
        header.append(el(this.doc, 'th', undefined, this.text(key)));
      table.append(el(this.doc, 'thead'), el(this.doc, 'tbody'));
      table.tHead!.append(header);
      for (const ind of result.indicators) {
        const row = el(this.doc, 'tr');
        row.dataset.code = ind.code;
        const label = el(this.doc, 'td', 'label', ind.label);
        label.title = `${ind.label} (${ind.unit})`;
        const rateCell = el(
          this.doc,
          'td',
          `num rate ${rateClass(ind.rate, summary.thresholds)}`,
          ind.rate === null ? '—' : `${ind.rate} %`,
        );
        row.append(
          el(this.doc, 'td', 'code', ind.code),
          label,
          el(
            this.doc,
            'td',
            ind.planned === null ? 'num undefined-target' : 'num',
            ind.planned === null ? this.text('targetUndefined') : n(ind.planned),
          ),
          el(this.doc, 'td', 'num', n(ind.achieved)),
          rateCell,
        );
        table.tBodies[0]!.append(row);
      }
      block.append(head, table);
      children.push(block);
    }
    const { budget } = summary;
    const budgetLine =
      budget.planned === null
        ? this.text('budgetUndefined', { spent: n(budget.spent) })
        : this.text('budget', { spent: n(budget.spent), planned: n(budget.planned), percent: budget.rate ?? '—' });
    children.push(el(this.doc, 'p', 'budget', budgetLine));
    root.replaceChildren(...children);
  }
}

function rateClass(rate: number | null, thresholds: Summary['thresholds']): string {
  if (rate === null) return 'none';
  if (rate >= thresholds.good) return 'good';
  if (rate >= thresholds.fair) return 'fair';
  return 'low';
}
