/**
 * A fake Office / Excel host for tests: the subset of Office.js the add-in uses, over an in-memory
 * workbook, with Office.js' batch semantics (loads and writes are queued and happen at
 * context.sync(); a property read before it was loaded and synced throws; a failing command fails
 * the sync and drops the rest of the batch) and with sheet protection enforced on locked cells.
 *
 * Node:    const { createFakeOffice } = require('./fake-office'); createFakeOffice(workbook, config)
 * Browser: served in place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js after
 *          `window.__FAKE_WORKBOOK__` / `window.__FAKE_CONFIG__` are set; exposes window.__fake.
 *
 * workbook: { sheets: [{ name, visibility?, rowIndex, columnIndex, values, formulas, numberFormat,
 *             valueTypes, fills?: { A1: '#RRGGBB' }, protected?: boolean, unlocked?: ['F2', …] }],
 *             date1904?: boolean }
 * config:   { apiVersion?: '1.9', displayLanguage?: 'fr-FR' }
 */
(function (root) {
  'use strict';

  const WHITE = '#FFFFFF';

  function columnNumber(letters) {
    let n = 0;
    for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n;
  }
  function columnLetter(n) {
    let out = '';
    for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    return out;
  }
  /** 'B3' → {row:3,col:2}; 'A:A' → {cols}; '5:5' → {rows}; 'A1:C4' → box (1-based, inclusive). */
  function parseAddress(address) {
    const bare = String(address).replace(/\$/g, '').replace(/^.*!/, '').toUpperCase();
    let m = /^([A-Z]+):([A-Z]+)$/.exec(bare);
    if (m) return { kind: 'columns', c1: columnNumber(m[1]), c2: columnNumber(m[2]) };
    m = /^(\d+):(\d+)$/.exec(bare);
    if (m) return { kind: 'rows', r1: Number(m[1]), r2: Number(m[2]) };
    m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(bare);
    if (!m) throw fakeError('InvalidArgument', `bad address ${address}`);
    const r1 = Number(m[2]);
    const c1 = columnNumber(m[1]);
    return { kind: 'cells', r1, c1, r2: m[4] ? Number(m[4]) : r1, c2: m[3] ? columnNumber(m[3]) : c1 };
  }
  function fakeError(code, message) {
    const error = new Error(message);
    error.code = code;
    error.name = 'RichApi.Error';
    return error;
  }
  function versionAtMost(wanted, have) {
    const a = String(wanted).split('.').map(Number);
    const b = String(have).split('.').map(Number);
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i] || 0;
      const y = b[i] || 0;
      if (x !== y) return x < y;
    }
    return true;
  }

  function createFakeOffice(workbook, config) {
    config = config || {};
    const apiVersion = config.apiVersion || '1.9';
    let nextId = 1;

    function newSheet(name, visibility) {
      return {
        id: `{sheet-${nextId++}}`,
        name,
        visibility: visibility || 'Visible',
        cells: new Map(),
        protection: {
          protected: false,
          options: { allowFormatCells: false, allowFormatColumns: false, allowFormatRows: false },
        },
        frozenRows: 0,
        columnWidths: {},
        rowHeights: {},
        validations: {},
        pageLayout: {},
        handlers: [],
      };
    }
    const key = (r, c) => `${r},${c}`;

    const state = {
      sheets: [],
      selected: null,
      active: null,
      syncCount: 0,
      batches: [],
      log: [],
      settings: {},
      savedSettings: {},
    };

    function cellOf(sheet, r, c, create) {
      let cell = sheet.cells.get(key(r, c));
      if (!cell && create) {
        cell = {
          value: '',
          formula: null,
          numberFormat: 'General',
          type: 'Empty',
          fill: null,
          locked: true,
          font: {},
          borders: {},
        };
        sheet.cells.set(key(r, c), cell);
      }
      return cell;
    }

    for (const s of (workbook && workbook.sheets) || []) {
      const sheet = newSheet(s.name, s.visibility);
      (s.values || []).forEach((line, i) =>
        line.forEach((value, j) => {
          const r = s.rowIndex + i + 1;
          const c = s.columnIndex + j + 1;
          const formula = s.formulas && s.formulas[i] ? s.formulas[i][j] : value;
          const type = s.valueTypes && s.valueTypes[i] ? s.valueTypes[i][j] : 'Empty';
          const format = s.numberFormat && s.numberFormat[i] ? s.numberFormat[i][j] : 'General';
          if (value === '' && type === 'Empty' && (format === 'General' || !format)) return;
          const cell = cellOf(sheet, r, c, true);
          cell.value = value;
          cell.type = type;
          cell.numberFormat = format || 'General';
          cell.formula = typeof formula === 'string' && formula.startsWith('=') && formula !== value ? formula : null;
        }),
      );
      for (const [address, color] of Object.entries(s.fills || {})) {
        const { r1, c1 } = parseAddress(address);
        cellOf(sheet, r1, c1, true).fill = color;
      }
      for (const address of s.unlocked || []) {
        const { r1, c1 } = parseAddress(address);
        cellOf(sheet, r1, c1, true).locked = false;
      }
      if (s.protected) sheet.protection.protected = true;
      state.sheets.push(sheet);
    }
    state.active = state.sheets.find((s) => s.visibility === 'Visible')?.name ?? null;

    function findSheet(name) {
      const sheet = state.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase());
      if (!sheet) throw fakeError('ItemNotFound', `The requested resource doesn't exist: sheet ${name}`);
      return sheet;
    }

    // ---- cell values as Excel stores what it is given ----
    function typeOf(value) {
      if (value === '' || value === null || value === undefined) return 'Empty';
      if (typeof value === 'number') return 'Double';
      if (typeof value === 'boolean') return 'Boolean';
      return 'String';
    }
    function assignValue(cell, input) {
      cell.formula = null;
      if (typeof input === 'string' && input.startsWith("'")) {
        cell.value = input.slice(1);
        cell.type = typeOf(cell.value);
      } else if (typeof input === 'string' && input.startsWith('=')) {
        cell.formula = input;
      } else if (typeof input === 'string' && /^-?\d+(\.\d+)?$/.test(input.trim())) {
        cell.value = Number(input);
        cell.type = 'Double';
      } else {
        cell.value = input === null || input === undefined ? '' : input;
        cell.type = typeOf(cell.value);
      }
    }
    /** Formulas made of cell references and numbers added together; anything else gives 0. */
    function recalc(sheet) {
      for (const cell of sheet.cells.values()) {
        if (!cell.formula) continue;
        const terms = cell.formula.slice(1).split('+');
        let total = 0;
        for (const term of terms) {
          const ref = /^\$?([A-Z]+)\$?(\d+)$/i.exec(term.trim());
          if (ref) {
            const other = sheet.cells.get(key(Number(ref[2]), columnNumber(ref[1])));
            total += other && typeof other.value === 'number' ? other.value : 0;
          } else if (!Number.isNaN(Number(term))) total += Number(term);
        }
        cell.value = total;
        cell.type = 'Double';
      }
    }
    function guardCell(sheet, cell, what) {
      if (sheet.protection.protected && cell.locked)
        throw fakeError(
          'AccessDenied',
          `The cell or chart you're trying to change is on a protected sheet (${sheet.name}, ${what}).`,
        );
    }

    // ---- the client object model ----
    function makeContext() {
      const queue = [];
      const context = { workbook: null, sync };
      const run = (fn) => queue.push(fn);

      function loadable(target, props, read) {
        // props: names readable after load+sync; read(name) gives the value at sync time.
        const loaded = {};
        const pending = new Set();
        for (const name of props)
          Object.defineProperty(target, name, {
            configurable: true,
            enumerable: true,
            get() {
              if (!(name in loaded))
                throw fakeError(
                  'PropertyNotLoaded',
                  `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
                );
              return loaded[name];
            },
            set(value) {
              if (!target.__writable || !target.__writable[name])
                throw fakeError('InvalidOperation', `${name} is read-only`);
              loaded[name] = value;
              run(() => target.__writable[name](value));
            },
          });
        target.load = function (spec) {
          const names =
            spec === undefined
              ? props
              : (Array.isArray(spec) ? spec : String(spec).split(',')).map((p) => p.trim()).filter(Boolean);
          for (const name of names) {
            if (!props.includes(name)) throw fakeError('InvalidArgument', `Cannot load property ${name}`);
            pending.add(name);
            run(() => {
              loaded[name] = read(name);
            });
          }
          return target;
        };
        return target;
      }

      function sink(onSet) {
        // Write-only formatting objects (font, borders …): every assignment is queued.
        return new Proxy(
          {},
          {
            set(obj, name, value) {
              obj[name] = value;
              run(() => onSet(String(name), value));
              return true;
            },
          },
        );
      }

      function forCells(sheet, address, fn) {
        const a = parseAddress(address);
        if (a.kind !== 'cells') return;
        for (let r = a.r1; r <= a.r2; r++) for (let c = a.c1; c <= a.c2; c++) fn(cellOf(sheet, r, c, true), r, c);
      }

      function rangeProxy(getSheet, getAddress) {
        const range = {};
        const grid = (pick) => {
          const sheet = getSheet();
          const a = parseAddress(getAddress());
          const out = [];
          for (let r = a.r1; r <= a.r2; r++) {
            const line = [];
            for (let c = a.c1; c <= a.c2; c++) line.push(pick(sheet.cells.get(key(r, c))));
            out.push(line);
          }
          return out;
        };
        range.__writable = {
          values: (v) => writeCells(v, (cell, x) => assignValue(cell, x)),
          formulas: (v) => writeCells(v, (cell, x) => assignValue(cell, x)),
          numberFormat: (v) =>
            writeCells(v, (cell, x) => {
              cell.numberFormat = x;
            }),
        };
        function writeCells(matrix, apply) {
          const sheet = getSheet();
          const a = parseAddress(getAddress());
          for (let r = a.r1; r <= a.r2; r++)
            for (let c = a.c1; c <= a.c2; c++) {
              const cell = cellOf(sheet, r, c, true);
              guardCell(sheet, cell, `${columnLetter(c)}${r}`);
              apply(cell, matrix[r - a.r1][c - a.c1]);
            }
          recalc(sheet);
        }
        loadable(
          range,
          ['values', 'formulas', 'numberFormat', 'valueTypes', 'rowIndex', 'columnIndex', 'address'],
          (name) => {
            const a = parseAddress(getAddress());
            if (name === 'values') return grid((cell) => (cell ? cell.value : ''));
            if (name === 'formulas') return grid((cell) => (cell ? (cell.formula ?? cell.value) : ''));
            if (name === 'numberFormat') return grid((cell) => (cell ? cell.numberFormat : 'General'));
            if (name === 'valueTypes') return grid((cell) => (cell ? cell.type : 'Empty'));
            if (name === 'rowIndex') return a.r1 - 1;
            if (name === 'columnIndex') return a.c1 - 1;
            return `${getSheet().name}!${getAddress()}`;
          },
        );

        const fill = {};
        fill.__writable = {
          color: (color) => {
            const sheet = getSheet();
            forCells(sheet, getAddress(), (cell, r, c) => {
              guardCell(sheet, cell, `fill ${columnLetter(c)}${r}`);
              cell.fill = String(color).toUpperCase();
            });
          },
        };
        loadable(fill, ['color'], () => {
          const sheet = getSheet();
          const a = parseAddress(getAddress());
          const cell = sheet.cells.get(key(a.r1, a.c1));
          return cell && cell.fill ? cell.fill : WHITE;
        });
        fill.clear = () =>
          run(() => {
            const sheet = getSheet();
            forCells(sheet, getAddress(), (cell, r, c) => {
              guardCell(sheet, cell, `fill ${columnLetter(c)}${r}`);
              cell.fill = null;
            });
          });

        const protection = sink((name, value) => {
          if (name !== 'locked') return;
          const sheet = getSheet();
          if (sheet.protection.protected) throw fakeError('AccessDenied', 'cannot change locking on a protected sheet');
          forCells(sheet, getAddress(), (cell) => {
            cell.locked = Boolean(value);
          });
        });
        const font = sink((name, value) => {
          const sheet = getSheet();
          forCells(sheet, getAddress(), (cell) => {
            guardCell(sheet, cell, 'font');
            cell.font[name] = value;
          });
        });
        const format = sink((name, value) => {
          const sheet = getSheet();
          const a = parseAddress(getAddress());
          if (name === 'columnWidth' && a.kind === 'columns')
            for (let c = a.c1; c <= a.c2; c++) sheet.columnWidths[columnLetter(c)] = value;
          else if (name === 'rowHeight' && a.kind === 'rows')
            for (let r = a.r1; r <= a.r2; r++) sheet.rowHeights[r] = value;
          else
            forCells(sheet, getAddress(), (cell) => {
              guardCell(sheet, cell, name);
              cell[name] = value;
            });
        });
        Object.defineProperty(format, 'fill', { value: fill });
        Object.defineProperty(format, 'font', { value: font });
        Object.defineProperty(format, 'protection', { value: protection });
        Object.defineProperty(format, 'borders', {
          value: {
            getItem: (edge) =>
              sink((name, value) => {
                const sheet = getSheet();
                forCells(sheet, getAddress(), (cell) => {
                  cell.borders[edge] = { ...(cell.borders[edge] || {}), [name]: value };
                });
              }),
          },
        });
        Object.defineProperty(format, 'autofitRows', { value: () => run(() => {}) });
        range.format = format;
        range.dataValidation = sink((name, value) => {
          const sheet = getSheet();
          sheet.validations[getAddress()] = { ...(sheet.validations[getAddress()] || {}), [name]: value };
        });
        range.select = () =>
          run(() => {
            const sheet = getSheet();
            if (state.active !== sheet.name)
              throw fakeError('InvalidSelection', `select() on ${sheet.name}, which is not the active sheet`);
            state.selected = { sheet: sheet.name, address: getAddress() };
            state.log.push(`select ${sheet.name}!${getAddress()}`);
          });
        return range;
      }

      function worksheetProxy(getSheet) {
        const ws = {};
        ws.__writable = {
          visibility: (v) => {
            getSheet().visibility = v;
          },
          name: (v) => {
            getSheet().name = v;
          },
        };
        loadable(ws, ['name', 'visibility', 'id', 'position'], (name) => {
          const sheet = getSheet();
          if (name === 'position') return state.sheets.indexOf(sheet);
          return sheet[name];
        });
        ws.getUsedRange = (valuesOnly) => {
          if (valuesOnly !== true) state.log.push('getUsedRange without valuesOnly');
          return rangeProxy(getSheet, () => {
            const sheet = getSheet();
            let r1 = Infinity;
            let c1 = Infinity;
            let r2 = 0;
            let c2 = 0;
            for (const [k, cell] of sheet.cells) {
              const hasValue = cell.formula || cell.value !== '';
              if (valuesOnly ? !hasValue : !hasValue && !cell.fill && cell.numberFormat === 'General') continue;
              const [r, c] = k.split(',').map(Number);
              r1 = Math.min(r1, r);
              c1 = Math.min(c1, c);
              r2 = Math.max(r2, r);
              c2 = Math.max(c2, c);
            }
            if (r2 === 0) return 'A1';
            return `${columnLetter(c1)}${r1}:${columnLetter(c2)}${r2}`;
          });
        };
        ws.getRange = (address) => rangeProxy(getSheet, () => String(address));
        ws.getCell = (row, column) => rangeProxy(getSheet, () => `${columnLetter(column + 1)}${row + 1}`);
        ws.activate = () =>
          run(() => {
            const sheet = getSheet();
            if (sheet.visibility !== 'Visible')
              throw fakeError('InvalidOperation', `cannot activate hidden sheet ${sheet.name}`);
            state.active = sheet.name;
            state.log.push(`activate ${sheet.name}`);
          });
        ws.delete = () =>
          run(() => {
            const sheet = getSheet();
            state.sheets.splice(state.sheets.indexOf(sheet), 1);
            state.log.push(`delete ${sheet.name}`);
          });
        const protection = {};
        protection.__writable = {};
        loadable(protection, ['protected', 'options'], (name) => {
          const p = getSheet().protection;
          return name === 'protected' ? p.protected : { ...p.options };
        });
        protection.protect = (options) =>
          run(() => {
            const sheet = getSheet();
            if (sheet.protection.protected)
              throw fakeError('InvalidOperation', `sheet ${sheet.name} is already protected`);
            sheet.protection = { protected: true, options: { ...sheet.protection.options, ...(options || {}) } };
            state.log.push(`protect ${sheet.name}`);
          });
        protection.unprotect = () =>
          run(() => {
            const sheet = getSheet();
            sheet.protection = { ...sheet.protection, protected: false };
            state.log.push(`unprotect ${sheet.name}`);
          });
        ws.protection = protection;
        ws.freezePanes = {
          freezeRows: (count) =>
            run(() => {
              getSheet().frozenRows = count;
            }),
        };
        const pageLayout = sink((name, value) => {
          getSheet().pageLayout[name] = value;
        });
        Object.defineProperty(pageLayout, 'setPrintTitleRows', {
          value: (rows) =>
            run(() => {
              getSheet().pageLayout.printTitleRows = rows;
            }),
        });
        ws.pageLayout = pageLayout;
        ws.onChanged = {
          add: (handler) => {
            if (!versionAtMost('1.7', apiVersion)) throw fakeError('ApiNotFound', 'onChanged needs ExcelApi 1.7');
            run(() => {
              getSheet().handlers.push(handler);
            });
            return {};
          },
        };
        return ws;
      }

      const worksheets = {};
      const items = [];
      worksheets.load = (spec) => {
        const names = String(spec)
          .split(',')
          .map((p) => p.trim().replace(/^items\//, ''))
          .filter(Boolean);
        run(() => {
          items.length = 0;
          for (const sheet of state.sheets) {
            const proxy = worksheetProxy(() => sheet);
            items.push(proxy);
          }
        });
        // The items' own loads are queued once the items exist.
        run(() => {
          for (const proxy of items) {
            proxy.load(names);
          }
        });
        worksheets.__itemsLoaded = true;
        return worksheets;
      };
      Object.defineProperty(worksheets, 'items', {
        get() {
          if (!worksheets.__synced) throw fakeError('PropertyNotLoaded', "The property 'items' is not available.");
          return items;
        },
      });
      worksheets.getItem = (name) => {
        let cached;
        return worksheetProxy(() => (cached && state.sheets.includes(cached) ? cached : (cached = findSheet(name))));
      };
      worksheets.add = (name) => {
        let created;
        run(() => {
          if (state.sheets.some((s) => s.name.toLowerCase() === String(name).toLowerCase()))
            throw fakeError('ItemAlreadyExists', `A sheet named ${name} already exists`);
          created = newSheet(name);
          state.sheets.push(created);
          state.log.push(`add ${name}`);
        });
        return worksheetProxy(() => created);
      };
      // Workbook functions (ExcelApi 1.2): DATE counts in the workbook's date system.
      const functions = {
        date(year, month, day) {
          const serial = Date.UTC(year, month - 1, day) / 86400000 + 25569 - (workbook && workbook.date1904 ? 1462 : 0);
          return loadable({}, ['value', 'error'], (name) => (name === 'value' ? serial : ''));
        },
      };
      context.workbook = { worksheets, functions };

      async function sync() {
        state.syncCount++;
        const batch = queue.splice(0);
        state.batches.push(batch.length);
        // Loads queued while applying the batch (the worksheets' items) run in the same round trip.
        for (let i = 0; i < batch.length; i++) {
          const before = queue.length;
          batch[i]();
          if (queue.length > before) batch.splice(i + 1, 0, ...queue.splice(before));
        }
        if (worksheets.__itemsLoaded) worksheets.__synced = true;
        await Promise.resolve();
      }
      return context;
    }

    const Excel = {
      run(callback) {
        const context = makeContext();
        return Promise.resolve().then(() => callback(context));
      },
    };

    let readyInfo = { host: config.host === undefined ? 'Excel' : config.host, platform: 'PC' };
    const Office = {
      HostType: { Excel: 'Excel', Word: 'Word' },
      PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac' },
      context: {
        displayLanguage: config.displayLanguage || 'fr-FR',
        requirements: {
          isSetSupported(name, version) {
            return name === 'ExcelApi' && versionAtMost(version || '1.1', apiVersion);
          },
        },
        document: {
          settings: {
            get: (k) => (k in state.settings ? state.settings[k] : null),
            set: (k, v) => {
              state.settings[k] = v;
            },
            remove: (k) => {
              delete state.settings[k];
            },
            saveAsync: (cb) => {
              state.savedSettings = { ...state.settings };
              if (cb) cb({ status: 'succeeded' });
            },
          },
        },
      },
      onReady(callback) {
        return new Promise((resolve) => {
          const fire = () => {
            if (callback) callback(readyInfo);
            resolve(readyInfo);
          };
          if (typeof document !== 'undefined' && document.readyState === 'loading')
            document.addEventListener('DOMContentLoaded', fire);
          else setTimeout(fire, 0);
        });
      },
    };

    /** Test controls: what a person would do in Excel, and what the fake recorded. */
    const control = {
      state,
      Office,
      Excel,
      sheet: (name) => findSheet(name),
      cell(sheetName, address) {
        const { r1, c1 } = parseAddress(address);
        return findSheet(sheetName).cells.get(key(r1, c1)) || null;
      },
      fill(sheetName, address) {
        const cell = control.cell(sheetName, address);
        return cell ? cell.fill : null;
      },
      /** Types a value into a cell as a user would, then fires the sheet's onChanged handlers. */
      edit(sheetName, address, value) {
        const sheet = findSheet(sheetName);
        const { r1, c1 } = parseAddress(address);
        assignValue(cellOf(sheet, r1, c1, true), value);
        recalc(sheet);
        for (const handler of sheet.handlers)
          handler({
            address,
            worksheetId: sheet.id,
            changeType: 'RangeEdited',
            source: 'Local',
            type: 'WorksheetChanged',
          });
      },
    };
    return control;
  }

  if (typeof module === 'object' && module.exports) module.exports = { createFakeOffice };
  if (typeof window !== 'undefined' && window.__FAKE_WORKBOOK__) {
    const fake = createFakeOffice(window.__FAKE_WORKBOOK__, window.__FAKE_CONFIG__ || {});
    window.Office = fake.Office;
    window.Excel = fake.Excel;
    window.__fake = fake;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
