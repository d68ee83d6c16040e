import {
  clearHighlights,
  highlight,
  marksFromIssues,
  memoryStore,
  SEVERITY_FILLS,
} from '../../addin/excel/highlighter';
import type { Issue } from '../../core/report';
import { createFakeOffice } from './fake-office';
import { mockExcel } from './helpers/mock-excel';
import type { SheetSnapshot } from './helpers/snapshot';

const issue = (sheet: string | null, address: string | null, severity: Issue['severity'], ruleId = 'rule'): Issue => ({
  ruleId,
  severity,
  sheet,
  row: null,
  column: null,
  address,
  messageId: 'm',
  params: {},
});

const sheet = (name: string, fills: Record<string, string>, extra: Partial<SheetSnapshot> = {}): SheetSnapshot => ({
  name,
  visibility: 'Visible',
  rowIndex: 0,
  columnIndex: 0,
  values: [['Code']],
  formulas: [['Code']],
  numberFormat: [['General']],
  valueTypes: [['String']],
  fills,
  ...extra,
});

describe('marksFromIssues', () => {
  it('keeps one mark per cell, the most severe, and skips issues without a cell', () => {
    const marks = marksFromIssues([
      issue('Indicateurs', 'F3', 'warning'),
      issue('Indicateurs', 'f3', 'error'),
      issue('Indicateurs', 'F3', 'info'),
      issue('Budget', 'D2', 'info'),
      issue('Budget', null, 'error'),
      issue(null, null, 'error'),
    ]);
    expect(marks).toEqual([
      { sheet: 'Indicateurs', address: 'F3', severity: 'error' },
      { sheet: 'Budget', address: 'D2', severity: 'info' },
    ]);
  });
  it('drops the marks of sheets that are not there', () => {
    expect(
      marksFromIssues([issue('Gone', 'A1', 'error'), issue('Budget', 'A1', 'error')], new Set(['Budget'])),
    ).toHaveLength(1);
  });
});

describe('highlight and clear (office-addin-mock)', () => {
  const workbook = () =>
    mockExcel({ sheets: [sheet('Indicateurs', { F3: '#FFF2CC', G3: '#FFF2CC' }), sheet('Budget', {})] });

  it('reads the old fills in one sync, writes in a second, and puts back exactly the old fills', async () => {
    const excel = workbook();
    const store = memoryStore();
    const marks = marksFromIssues([
      issue('Indicateurs', 'F3', 'error'),
      issue('Indicateurs', 'G3', 'warning'),
      issue('Budget', 'D2', 'info'),
    ]);
    const count = await excel.Excel.run((context) => highlight(context, marks, store));
    expect(count).toBe(3);
    expect(excel.syncs()).toBe(2);
    expect(excel.fill('Indicateurs', 'F3')).toBe(SEVERITY_FILLS.error);
    expect(excel.fill('Indicateurs', 'G3')).toBe(SEVERITY_FILLS.warning);
    expect(excel.fill('Budget', 'D2')).toBe(SEVERITY_FILLS.info);
    // A cell without fill reads #FFFFFF: remembered as « no fill ».
    expect(store.load()).toEqual([
      { sheet: 'Indicateurs', address: 'F3', color: '#FFF2CC' },
      { sheet: 'Indicateurs', address: 'G3', color: '#FFF2CC' },
      { sheet: 'Budget', address: 'D2', color: null },
    ]);

    const restored = await excel.Excel.run((context) => clearHighlights(context, store));
    expect(restored).toBe(3);
    expect(excel.syncs()).toBe(4);
    expect(excel.fill('Indicateurs', 'F3')).toBe('#FFF2CC');
    expect(excel.fill('Indicateurs', 'G3')).toBe('#FFF2CC');
    expect(excel.fill('Budget', 'D2')).toBeNull();
    expect(store.load()).toEqual([]);
  });

  it('keeps the first original when highlighting again, and restores cells no longer marked', async () => {
    const excel = workbook();
    const store = memoryStore();
    await excel.Excel.run((context) =>
      highlight(
        context,
        marksFromIssues([issue('Indicateurs', 'F3', 'warning'), issue('Indicateurs', 'G3', 'error')]),
        store,
      ),
    );
    await excel.Excel.run((context) =>
      highlight(context, marksFromIssues([issue('Indicateurs', 'F3', 'error')]), store),
    );
    expect(excel.fill('Indicateurs', 'F3')).toBe(SEVERITY_FILLS.error);
    expect(excel.fill('Indicateurs', 'G3')).toBe('#FFF2CC');
    expect(store.load()).toEqual([{ sheet: 'Indicateurs', address: 'F3', color: '#FFF2CC' }]);
    await excel.Excel.run((context) => clearHighlights(context, store));
    expect(excel.fill('Indicateurs', 'F3')).toBe('#FFF2CC');
  });

  it('does nothing, without a sync, when there is nothing to do', async () => {
    const excel = workbook();
    const store = memoryStore();
    expect(await excel.Excel.run((context) => highlight(context, [], store))).toBe(0);
    expect(await excel.Excel.run((context) => clearHighlights(context, store))).toBe(0);
    expect(excel.syncs()).toBe(0);
  });

  it('forgets the fills of a sheet that no longer exists', async () => {
    const excel = workbook();
    const store = memoryStore([
      { sheet: 'Supprimée', address: 'A1', color: null },
      { sheet: 'Budget', address: 'B2', color: '#00FF00' },
    ]);
    expect(
      await excel.Excel.run((context) => clearHighlights(context, store, new Set(['Indicateurs', 'Budget']))),
    ).toBe(1);
    expect(excel.fill('Budget', 'B2')).toBe('#00FF00');
  });
});

describe('highlight on protected template sheets (fake Office host)', () => {
  it('lifts the protection around the fills and puts it back', async () => {
    const fake = createFakeOffice({
      sheets: [sheet('Indicateurs', { F3: '#FFF2CC' }, { protected: true, unlocked: ['F3'] })],
    });
    const store = memoryStore();
    const marks = marksFromIssues([issue('Indicateurs', 'F3', 'error'), issue('Indicateurs', 'A1', 'warning')]);
    await fake.Excel.run((context: Excel.RequestContext) => highlight(context, marks, store));
    expect(fake.fill('Indicateurs', 'F3')).toBe(SEVERITY_FILLS.error);
    expect(fake.fill('Indicateurs', 'A1')).toBe(SEVERITY_FILLS.warning);
    expect(fake.sheet('Indicateurs').protection.protected).toBe(true);
    expect(fake.state.log).toEqual(['unprotect Indicateurs', 'protect Indicateurs']);
    expect(fake.state.syncCount).toBe(2);

    await fake.Excel.run((context: Excel.RequestContext) => clearHighlights(context, store));
    expect(fake.fill('Indicateurs', 'F3')).toBe('#FFF2CC');
    expect(fake.fill('Indicateurs', 'A1')).toBeNull();
    expect(fake.sheet('Indicateurs').protection.protected).toBe(true);
  });

  it('the fake host refuses a fill on a protected sheet (so the test above means something)', async () => {
    const fake = createFakeOffice({ sheets: [sheet('Indicateurs', {}, { protected: true })] });
    await expect(
      fake.Excel.run(async (context: Excel.RequestContext) => {
        context.workbook.worksheets.getItem('Indicateurs').getRange('A1').format.fill.color = '#FF0000';
        await context.sync();
      }),
    ).rejects.toThrow(/protected sheet/);
  });
});
