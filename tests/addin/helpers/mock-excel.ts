/**
 * An Excel object model for the add-in's Office code, built with office-addin-mock from a workbook
 * snapshot (helpers/snapshot.ts). Properties are unavailable until loaded and synced, as in Office.js;
 * context.sync() is counted; fills written through ranges are applied to the snapshot's cells at sync.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { dateToSerial } from '../../../core/number-formats';

// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose package entry point
// also loads a JSON-schema validator that cannot load with the ajv version the lockfile hoists.
jest.mock('office-addin-manifest', () => jest.requireActual<object>('office-addin-manifest/lib/officeApp'));
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';

export interface MockExcel {
  /** Stands for the global `Excel`: `run(callback)`. */
  Excel: { run<T>(callback: (context: Excel.RequestContext) => Promise<T>): Promise<T> };
  context: Excel.RequestContext;
  syncs(): number;
  /** Fill colour of a cell now (null: no fill). */
  fill(sheet: string, address: string): string | null;
  /** What was asked of the workbook, in order: loads, used ranges, selections… */
  log: string[];
}

const NO_FILL = '#FFFFFF';

export function mockExcel(snapshot: WorkbookSnapshot): MockExcel {
  const log: string[] = [];
  const fills = new Map<string, string | null>();
  for (const sheet of snapshot.sheets)
    for (const [address, color] of Object.entries(sheet.fills ?? {})) fills.set(`${sheet.name}!${address}`, color);
  let syncCount = 0;
  const synced: OfficeMockObject[] = [];
  /** Each range's fill: what the code last saw or wrote, to tell a write from a load at sync time. */
  const tracked: { key: string; fill: OfficeMockObject; cleared: boolean; loading: boolean; seen: unknown }[] = [];

  function rangeMock(sheet: SheetSnapshot, address: string): OfficeMockObject {
    const k = `${sheet.name}!${address.toUpperCase()}`;
    const entry = {
      key: k,
      fill: undefined as unknown as OfficeMockObject,
      cleared: false,
      loading: false,
      seen: undefined as unknown,
    };
    const mock = new OfficeMockObject({
      address: k,
      format: {
        fill: {
          color: fills.get(k) ?? NO_FILL,
          clear() {
            entry.cleared = true;
          },
        },
      },
      select() {
        log.push(`select ${k}`);
      },
    });
    const fill = (mock as unknown as { format: { fill: OfficeMockObject } }).format.fill;
    const load = fill.load.bind(fill);
    fill.load = (properties: string) => {
      entry.loading = true;
      return load(properties);
    };
    entry.fill = fill;
    entry.seen = fill.color;
    tracked.push(entry);
    synced.push(mock);
    return mock;
  }

  const sheetMocks = snapshot.sheets.map((sheet) => {
    const mock = new OfficeMockObject({
      name: sheet.name,
      visibility: sheet.visibility,
      usedRange: {
        values: sheet.values,
        formulas: sheet.formulas,
        numberFormat: sheet.numberFormat,
        valueTypes: sheet.valueTypes,
        rowIndex: sheet.rowIndex,
        columnIndex: sheet.columnIndex,
      },
      protection: {
        protected: false,
        options: { allowFormatCells: false },
        protect() {
          log.push(`protect ${sheet.name}`);
        },
        unprotect() {
          log.push(`unprotect ${sheet.name}`);
        },
      },
      getUsedRange(this: { usedRange: unknown }, valuesOnly?: boolean) {
        log.push(`getUsedRange ${sheet.name} valuesOnly=${String(valuesOnly)}`);
        return this.usedRange;
      },
      getRange(address: string) {
        return rangeMock(sheet, address);
      },
      activate() {
        log.push(`activate ${sheet.name}`);
      },
    });
    synced.push(mock);
    return mock;
  });

  /** DATE(y;m;d) as Excel computes it in the snapshot's date system (years from 1901 on). */
  const dateFunction = (year: number, month: number, day: number): OfficeMockObject => {
    log.push(`DATE(${year};${month};${day})`);
    const serial = dateToSerial(new Date(Date.UTC(year, month - 1, day)), snapshot.date1904 === true);
    const mock = new OfficeMockObject(
      snapshot.dateFunction === 'error' ? { value: 0, error: '#NAME?' } : { value: serial, error: '' },
    );
    synced.push(mock);
    return mock;
  };

  const data = {
    context: {
      workbook: {
        functions: { date: dateFunction },
        worksheets: {
          items: sheetMocks,
          load(this: OfficeMockObject, properties: string) {
            log.push(`load worksheets ${properties}`);
            OfficeMockObject.prototype.load.call(this, 'items');
            const names = properties.split(',').map((p) => p.trim().replace(/^items\//, ''));
            for (const sheet of sheetMocks) sheet.load(names);
            return this;
          },
          getItem(name: string) {
            const index = snapshot.sheets.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
            if (index < 0) throw new Error(`ItemNotFound: ${name}`);
            return sheetMocks[index];
          },
        },
      },
      async sync(this: OfficeMockObject) {
        syncCount++;
        await OfficeMockObject.prototype.sync.call(this);
        for (const mock of synced) await mock.sync();
        // Writes reach the workbook at sync, as in Office.js.
        for (const entry of tracked) {
          const color = entry.fill.color as unknown;
          if (entry.cleared) fills.set(entry.key, null);
          else if (!entry.loading && typeof color === 'string' && color.startsWith('#') && color !== entry.seen)
            fills.set(entry.key, color.toUpperCase());
          entry.cleared = false;
          entry.loading = false;
          entry.seen = color;
        }
      },
    },
    run: async function (this: { context: unknown }, callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  };
  const excel = new OfficeMockObject(data) as unknown as {
    context: Excel.RequestContext;
    run: MockExcel['Excel']['run'];
  };
  return {
    Excel: excel,
    context: excel.context,
    syncs: () => syncCount,
    fill: (sheet, address) => {
      const color = fills.get(`${sheet}!${address.toUpperCase()}`);
      return color === undefined ? null : color;
    },
    log,
  };
}
