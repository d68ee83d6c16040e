import type { WorkbookHost } from '../../addin/excel/host';
import type { Mark } from '../../addin/excel/highlighter';
import { LIVE_DELAY_MS, TaskPane, type View } from '../../addin/taskpane/controller';
import type { TemplatePlan } from '../../core/layout/plan';
import type { Report } from '../../core/report';
import type { Tables } from '../../core/tables';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import { framework, tempDir, writeExample, writeSeeded } from './helpers/fixtures';

class FakeHost implements WorkbookHost {
  reads = 0;
  selected: [string, string | null][] = [];
  highlighted: Mark[][] = [];
  created: { plan: TemplatePlan; remove: readonly string[] }[] = [];
  watchers: (() => void)[] = [];
  marks = 0;
  constructor(
    public tables: Tables,
    private readonly version = '1.9',
  ) {}
  supports(v: string) {
    return Number(v.split('.')[1]) <= Number(this.version.split('.')[1]);
  }
  read() {
    this.reads++;
    return Promise.resolve(this.tables);
  }
  select(sheet: string, address: string | null) {
    this.selected.push([sheet, address]);
    return Promise.resolve();
  }
  highlight(marks: readonly Mark[]) {
    this.highlighted.push([...marks]);
    this.marks = marks.length;
    return Promise.resolve(marks.length);
  }
  clearHighlights() {
    const n = this.marks;
    this.marks = 0;
    return Promise.resolve(n);
  }
  hasHighlights() {
    return this.marks > 0;
  }
  createTemplate(plan: TemplatePlan, remove: readonly string[]) {
    this.created.push({ plan, remove });
    return Promise.resolve();
  }
  watch(_sheets: readonly string[], onChange: () => void) {
    if (!this.supports('1.7')) return Promise.resolve(false);
    this.watchers.push(onChange);
    return Promise.resolve(true);
  }
}

class FakeView implements View {
  statuses: [string, string | undefined][] = [];
  hints: string[] = [];
  reports: Report[] = [];
  notTemplate = 0;
  periods: string[] = [];
  ready: boolean | null = null;
  setBusy() {}
  setReady(ready: boolean) {
    this.ready = ready;
  }
  status(message: string, tone?: string) {
    this.statuses.push([message, tone]);
  }
  liveHint(message: string) {
    this.hints.push(message);
  }
  showNotTemplate(_communes: unknown, periods: readonly string[]) {
    this.notTemplate++;
    this.periods = [...periods];
  }
  showReport(report: Report) {
    this.reports.push(report);
  }
  get last() {
    return this.statuses.at(-1)?.[0] ?? '';
  }
}

/** The pane started on a blank workbook (one empty sheet) and validated once: where « Créer le modèle » is offered. */
async function paneOnBlankWorkbook() {
  const view = new FakeView();
  const blank: Tables = { sheets: [{ name: 'Feuil1', state: 'visible', rows: [] }] };
  const host = new FakeHost(blank);
  const pane = new TaskPane(host, view, framework(), 'fr');
  pane.start();
  await pane.validate();
  return { view, blank, host, pane };
}

describe('task pane controller', () => {
  let example: Tables;
  let seeded: Tables;
  beforeAll(async () => {
    const dir = tempDir();
    example = await readWorkbookFile(await writeExample(dir));
    seeded = await readWorkbookFile(await writeSeeded(dir));
  });

  it('refuses to run on an Excel older than ExcelApi 1.2', () => {
    const view = new FakeView();
    expect(new TaskPane(new FakeHost(example, '1.1'), view, framework(), 'fr').start()).toBe(false);
    expect(view.ready).toBe(false);
    expect(view.last).toMatch(/trop ancienne/);
    // What is needed, in the pane's words: the requirement sets, and the Excel editions that have them.
    expect(view.last).toContain(
      'il lui faut ExcelApi 1.2 (Excel 2016 avec ses mises à jour, Excel 2019 et plus récent',
    );
    expect(view.last).toContain('La vérification automatique demande ExcelApi 1.7 (Excel 2019 et plus récent');
    expect(view.last).not.toContain('{');
    const english = new FakeView();
    new TaskPane(new FakeHost(example, '1.1'), english, framework(), 'en').start();
    expect(english.last).toContain('it needs ExcelApi 1.2 (Excel 2016 with its updates');
    expect(english.last).toContain('Live checking needs ExcelApi 1.7 (Excel 2019 or later');
  });

  it('asks to re-validate by hand where Excel has no change events (ExcelApi < 1.7)', async () => {
    const view = new FakeView();
    const host = new FakeHost(example, '1.2');
    const pane = new TaskPane(host, view, framework(), 'fr');
    expect(pane.start()).toBe(true);
    expect(view.hints).toEqual([expect.stringMatching(/cliquez de nouveau sur « Valider le classeur »/)]);
    await pane.validate();
    expect(host.watchers).toHaveLength(0);
  });

  it('validates, shows the report, and selects a clicked issue', async () => {
    const view = new FakeView();
    const host = new FakeHost(seeded);
    const pane = new TaskPane(host, view, framework(), 'en');
    pane.start();
    expect(view.hints).toEqual([expect.stringMatching(/^Live checking/)]);
    await pane.validate();
    const report = view.reports[0]!;
    expect(report.stats.errors).toBeGreaterThan(0);
    expect(view.statuses.at(-1)).toEqual([expect.stringMatching(/^Last checked at /), 'error']);
    const issue = report.issues.find((i) => i.address && i.sheet === 'Indicateurs')!;
    await pane.select(issue);
    expect(host.selected).toEqual([['Indicateurs', issue.address]]);
  });

  it('does not try to show a cell of a hidden sheet', async () => {
    const view = new FakeView();
    const host = new FakeHost(seeded);
    const pane = new TaskPane(host, view, framework(), 'fr');
    pane.start();
    await pane.validate();
    await pane.select({
      ruleId: 'x',
      severity: 'error',
      sheet: '_meta',
      row: 1,
      column: 2,
      address: 'B1',
      messageId: 'm',
      params: {},
    });
    expect(host.selected).toEqual([]);
    expect(view.last).toBe('La feuille « _meta » est masquée : la cellule B1 ne peut pas être affichée.');
  });

  it('re-validates once, 600 ms after a burst of edits', async () => {
    jest.useFakeTimers();
    try {
      const view = new FakeView();
      const host = new FakeHost(example);
      const pane = new TaskPane(host, view, framework(), 'fr');
      pane.start();
      await pane.validate();
      expect(host.reads).toBe(1);
      expect(host.watchers).toHaveLength(1);
      host.tables = seeded;
      for (let i = 0; i < 5; i++) {
        host.watchers[0]!();
        jest.advanceTimersByTime(100);
      }
      expect(host.reads).toBe(1);
      jest.advanceTimersByTime(LIVE_DELAY_MS);
      await jest.runOnlyPendingTimersAsync();
      await Promise.resolve();
      expect(host.reads).toBe(2);
      expect(view.reports.at(-1)!.stats.errors).toBeGreaterThan(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps highlights up to date after each validation once they are on', async () => {
    const view = new FakeView();
    const host = new FakeHost(seeded);
    const pane = new TaskPane(host, view, framework(), 'fr');
    pane.start();
    await pane.highlight();
    expect(view.last).toBe('Cliquez d’abord sur « Valider le classeur ».');
    await pane.validate();
    await pane.highlight();
    expect(host.highlighted).toHaveLength(1);
    expect(host.highlighted[0]!.every((m) => m.sheet !== '_meta' || m.address)).toBe(true);
    host.tables = example;
    await pane.validate();
    expect(host.highlighted).toHaveLength(2);
    expect(host.highlighted[1]).toEqual([]);
    await pane.clearHighlights();
    expect(view.last).toBe('Aucun surlignage à effacer.');
  });

  it('offers the template on another workbook, refuses to overwrite a sheet, and creates it', async () => {
    const { view, blank, host, pane } = await paneOnBlankWorkbook();
    expect(view.notTemplate).toBe(1);
    expect(pane.lastReport).toBeNull();

    host.tables = { sheets: [{ name: 'budget', state: 'visible', rows: [[{ kind: 'string', value: 'x' }]] }] };
    await pane.validate();
    await pane.createTemplate('SAL');
    expect(host.created).toHaveLength(0);
    expect(view.last).toBe('La feuille « Budget » existe déjà : créez le modèle dans un classeur vide.');

    host.tables = blank;
    await pane.validate();
    host.createTemplate = (plan, remove) => {
      host.created.push({ plan, remove });
      host.tables = example;
      return Promise.resolve();
    };
    await pane.createTemplate('SAL');
    expect(host.created.map((c) => [c.plan.commune.code, c.remove])).toEqual([['SAL', ['Feuil1']]]);
    expect(view.reports).toHaveLength(1);
    expect(view.statuses.at(-1)).toEqual([expect.stringMatching(/^Fiche de Soni Aliber créée/), 'ok']);
    expect(host.created[0]!.plan.period).toBeNull();
  });

  it('creates the template of the chosen period, among the reporting periods', async () => {
    const { view, host, pane } = await paneOnBlankWorkbook();
    expect(view.periods).toEqual(['2023', '2024']);
    host.createTemplate = (plan, remove) => {
      host.created.push({ plan, remove });
      host.tables = example;
      return Promise.resolve();
    };
    await pane.createTemplate('BAR', '2023');
    expect(host.created.map((c) => [c.plan.commune.code, c.plan.period])).toEqual([['BAR', '2023']]);
    const prevu = host.created[0]!.plan.sheets[1]!.cells.find((c) => c.key === 'indicators:R1.1.1:planned');
    expect(prevu?.value).toBe(framework().indicators[0]!.periodTargets['2023']!.BAR);
    expect(view.statuses.at(-1)).toEqual([
      'Fiche de Bara pour 2023 créée, avec les cibles de la période : remplissez les cellules jaunes, puis cliquez sur « Valider le classeur ».',
      'ok',
    ]);
  });

  it('reports a failure from Excel in the status line', async () => {
    const view = new FakeView();
    const host = new FakeHost(example);
    host.read = () => Promise.reject(new Error('RichApi.Error: The requested resource does not exist.'));
    const pane = new TaskPane(host, view, framework(), 'fr');
    pane.start();
    await pane.validate();
    expect(view.statuses.at(-1)).toEqual([
      'L’opération a échoué : RichApi.Error: The requested resource does not exist.',
      'error',
    ]);
  });
});
