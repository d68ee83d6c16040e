import { cellsOf, rangeFormula } from './cells';
import type {
  CellRange,
  CellSource,
  ChartSeries,
  ChartSpec,
  Colour,
  DataLabels,
  LabelPosition,
  ValueAxis,
} from './types';
import { escapeAttr, escapeText } from '../../xml/escape';
import { LOCALES } from '../../../core/messages';

/** The DrawingML chart part (`xl/charts/chartN.xml`) of one chart, its caches read from the cells. */

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};

const AXIS = { cat: 500100, val: 500200, cat2: 500300, val2: 500400 };
const TEXT_COLOUR = '404040';
const LINE_COLOUR = 'BFBFBF';
const GRID_COLOUR = 'E3E3E3';

export function rgb(colour: Colour): string {
  const hex = colour.replace(/^#/, '');
  if (!/^([0-9a-fA-F]{2})?[0-9a-fA-F]{6}$/.test(hex))
    throw new Error(`not a colour: « ${colour} » (expected RRGGBB or AARRGGBB)`);
  return hex.slice(-6).toUpperCase();
}

const val = (tag: string, v: string | number) => `<c:${tag} val="${escapeAttr(String(v))}"/>`;
const fill = (colour: string) => `<a:solidFill><a:srgbClr val="${rgb(colour)}"/></a:solidFill>`;

function runProps(size: number, bold: boolean, colour = TEXT_COLOUR): string {
  return `<a:defRPr sz="${Math.round(size * 100)}" b="${bold ? 1 : 0}">${fill(colour)}</a:defRPr>`;
}

/** Text properties of an axis, a legend or labels. */
function txPr(lang: string, size: number, bold = false, colour = TEXT_COLOUR, rotate?: number): string {
  const body = rotate === undefined ? '<a:bodyPr/>' : `<a:bodyPr rot="${rotate}" vert="horz"/>`;
  return `<c:txPr>${body}<a:lstStyle/><a:p><a:pPr>${runProps(size, bold, colour)}</a:pPr><a:endParaRPr lang="${escapeAttr(lang)}"/></a:p></c:txPr>`;
}

/** A title (chart or axis) as rich text. */
function title(text: string, lang: string, size: number, rotate?: number): string {
  const body = rotate === undefined ? '<a:bodyPr/>' : `<a:bodyPr rot="${rotate}" vert="horz"/>`;
  const rPr = `<a:rPr lang="${escapeAttr(lang)}" sz="${Math.round(size * 100)}" b="1">${fill(TEXT_COLOUR)}</a:rPr>`;
  return `<c:title><c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr>${runProps(size, true)}</a:pPr><a:r>${rPr}<a:t>${escapeText(text)}</a:t></a:r></a:p></c:rich></c:tx>${val('overlay', 0)}</c:title>`;
}

const formatCode = (code: string) => `<c:formatCode>${escapeText(code)}</c:formatCode>`;

/** Cached text of a range: what a viewer shows before (or without) recalculating. */
function strRef(range: CellRange, cells: CellSource): string {
  const addresses = cellsOf(range);
  const points = addresses
    .map((address, idx) => {
      const v = cells.value(range.sheet, address);
      return v === null || v === '' ? '' : `<c:pt idx="${idx}"><c:v>${escapeText(String(v))}</c:v></c:pt>`;
    })
    .join('');
  return `<c:strRef><c:f>${escapeText(rangeFormula(range))}</c:f><c:strCache>${val('ptCount', addresses.length)}${points}</c:strCache></c:strRef>`;
}

/** Cached numbers of a range; a cell that holds no number (empty, text) is left out: a gap, never 0. */
function numRef(range: CellRange, cells: CellSource): string {
  const addresses = cellsOf(range);
  const format = cells.numberFormat?.(range.sheet, addresses[0]!) ?? 'General';
  const points = addresses
    .map((address, idx) => {
      const v = cells.value(range.sheet, address);
      return typeof v === 'number' && Number.isFinite(v) ? `<c:pt idx="${idx}"><c:v>${v}</c:v></c:pt>` : '';
    })
    .join('');
  return `<c:numRef><c:f>${escapeText(rangeFormula(range))}</c:f><c:numCache>${formatCode(format || 'General')}${val('ptCount', addresses.length)}${points}</c:numCache></c:numRef>`;
}

function seriesName(series: ChartSeries, cells: CellSource): string {
  if ('text' in series.name) return `<c:tx><c:v>${escapeText(series.name.text)}</c:v></c:tx>`;
  if (cellsOf(series.name).length !== 1)
    throw new Error(`${series.name.sheet}!${series.name.range}: a series name is one cell`);
  return `<c:tx>${strRef(series.name, cells)}</c:tx>`;
}

const ALLOWED_POSITIONS: Record<string, readonly LabelPosition[]> = {
  clustered: ['outEnd', 'inEnd', 'ctr', 'inBase'],
  stacked: ['inEnd', 'ctr', 'inBase'],
  percentStacked: ['inEnd', 'ctr', 'inBase'],
  line: ['t', 'b', 'l', 'r', 'ctr'],
};

function dataLabels(
  labels: DataLabels,
  group: 'clustered' | 'stacked' | 'percentStacked' | 'line',
  lang: string,
): string {
  const allowed = ALLOWED_POSITIONS[group]!;
  const position = labels.position ?? allowed[0]!;
  if (!allowed.includes(position))
    throw new Error(
      `data labels « ${position} » are not allowed on a ${group} series (allowed: ${allowed.join(', ')})`,
    );
  const numFmt =
    labels.numberFormat === undefined
      ? '<c:numFmt formatCode="General" sourceLinked="1"/>'
      : `<c:numFmt formatCode="${escapeAttr(labels.numberFormat)}" sourceLinked="0"/>`;
  return (
    `<c:dLbls>${numFmt}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${txPr(lang, labels.size ?? 8, labels.bold ?? false, labels.colour ? rgb(labels.colour) : TEXT_COLOUR)}` +
    `${val('dLblPos', position)}${val('showLegendKey', 0)}${val('showVal', 1)}${val('showCatName', 0)}${val('showSerName', 0)}${val('showPercent', 0)}${val('showBubbleSize', 0)}</c:dLbls>`
  );
}

/** `<c:dPt>` overrides: a bar's fill, or a line's marker. */
function points(series: ChartSeries, kind: 'bar' | 'line', stroke = ''): string {
  return (series.pointColours ?? [])
    .map((colour, idx) => {
      if (!colour) return '';
      if (kind === 'bar')
        return `<c:dPt>${val('idx', idx)}${val('invertIfNegative', 0)}${val('bubble3D', 0)}<c:spPr>${fill(colour)}<a:ln><a:noFill/></a:ln></c:spPr></c:dPt>`;
      const symbol = series.line?.marker && series.line.marker !== 'none' ? series.line.marker : 'circle';
      // A line's point also carries a line format: viewers such as LibreOffice colour the marker with it,
      // Excel draws the segment to the point with it. Markers only: that line is the point's colour, fully
      // transparent; with a visible line it is the series' own, so the line stays whole.
      const pointLine = series.line?.hidden
        ? `<a:ln w="9525"><a:solidFill><a:srgbClr val="${rgb(colour)}"><a:alpha val="0"/></a:srgbClr></a:solidFill></a:ln>`
        : stroke;
      return `<c:dPt>${val('idx', idx)}<c:marker>${val('symbol', symbol)}${val('size', series.line?.markerSize ?? 7)}<c:spPr>${fill(colour)}<a:ln w="9525">${fill('FFFFFF')}</a:ln></c:spPr></c:marker>${val('bubble3D', 0)}<c:spPr>${pointLine}</c:spPr></c:dPt>`;
    })
    .join('');
}

function barSeries(
  series: ChartSeries,
  index: number,
  grouping: 'clustered' | 'stacked' | 'percentStacked',
  cells: CellSource,
  lang: string,
): string {
  return (
    `<c:ser>${val('idx', index)}${val('order', index)}${seriesName(series, cells)}` +
    `<c:spPr>${fill(series.colour)}<a:ln><a:noFill/></a:ln></c:spPr>${val('invertIfNegative', 0)}${points(series, 'bar')}` +
    (series.dataLabels ? dataLabels(series.dataLabels, grouping, lang) : '') +
    `<c:cat>${strRef(series.categories, cells)}</c:cat><c:val>${numRef(series.values, cells)}</c:val></c:ser>`
  );
}

function lineSeries(series: ChartSeries, index: number, cells: CellSource, lang: string): string {
  const line = series.line ?? {};
  const width = Math.round((line.width ?? 2.25) * 12700);
  const stroke = line.hidden
    ? '<a:ln><a:noFill/></a:ln>'
    : `<a:ln w="${width}" cap="rnd">${fill(series.colour)}${line.dash && line.dash !== 'solid' ? `<a:prstDash val="${line.dash}"/>` : ''}<a:round/></a:ln>`;
  const symbol = line.marker ?? 'none';
  const marker =
    symbol === 'none'
      ? `<c:marker>${val('symbol', 'none')}</c:marker>`
      : `<c:marker>${val('symbol', symbol)}${val('size', line.markerSize ?? 7)}<c:spPr>${fill(series.colour)}<a:ln w="9525">${fill('FFFFFF')}</a:ln></c:spPr></c:marker>`;
  return (
    `<c:ser>${val('idx', index)}${val('order', index)}${seriesName(series, cells)}<c:spPr>${stroke}</c:spPr>${marker}${points(series, 'line', stroke)}` +
    (series.dataLabels ? dataLabels(series.dataLabels, 'line', lang) : '') +
    `<c:cat>${strRef(series.categories, cells)}</c:cat><c:val>${numRef(series.values, cells)}</c:val>${val('smooth', 0)}</c:ser>`
  );
}

function axisLine(): string {
  return `<c:spPr><a:noFill/><a:ln w="9525">${fill(LINE_COLOUR)}</a:ln></c:spPr>`;
}

function categoryAxis(
  spec: ChartSpec,
  id: number,
  cross: number,
  deleted: boolean,
  lang: string,
  size: number,
): string {
  const horizontal = spec.type === 'bar';
  const axis = spec.categoryAxis ?? {};
  return (
    `<c:catAx>${val('axId', id)}<c:scaling>${val('orientation', 'minMax')}</c:scaling>${val('delete', deleted ? 1 : 0)}${val('axPos', horizontal ? 'l' : 'b')}` +
    (axis.title && !deleted ? title(axis.title, lang, size, horizontal ? -5400000 : undefined) : '') +
    `<c:numFmt formatCode="General" sourceLinked="1"/>${val('majorTickMark', 'none')}${val('minorTickMark', 'none')}${val('tickLblPos', 'nextTo')}` +
    `${axisLine()}${txPr(lang, axis.labelSize ?? 8, false, TEXT_COLOUR, axis.labelRotation === undefined ? undefined : Math.round(-axis.labelRotation * 60000))}${val('crossAx', cross)}${val('crosses', 'autoZero')}${val('auto', 1)}${val('lblAlgn', 'ctr')}${val('lblOffset', 100)}${val('noMultiLvlLbl', 0)}</c:catAx>`
  );
}

function valueAxis(
  spec: ChartSpec,
  axis: ValueAxis,
  id: number,
  cross: number,
  secondary: boolean,
  lang: string,
  size: number,
): string {
  const horizontal = spec.type === 'bar';
  const position = horizontal ? (secondary ? 't' : 'b') : secondary ? 'r' : 'l';
  const scaling = `<c:scaling>${val('orientation', 'minMax')}${axis.max !== undefined ? val('max', axis.max) : ''}${axis.min !== undefined ? val('min', axis.min) : ''}</c:scaling>`;
  const grid = axis.gridlines ?? !secondary;
  return (
    `<c:valAx>${val('axId', id)}${scaling}${val('delete', 0)}${val('axPos', position)}` +
    (grid ? `<c:majorGridlines><c:spPr><a:ln w="6350">${fill(GRID_COLOUR)}</a:ln></c:spPr></c:majorGridlines>` : '') +
    (axis.title ? title(axis.title, lang, size, horizontal ? undefined : -5400000) : '') +
    (axis.numberFormat
      ? `<c:numFmt formatCode="${escapeAttr(axis.numberFormat)}" sourceLinked="0"/>`
      : '<c:numFmt formatCode="General" sourceLinked="1"/>') +
    `${val('majorTickMark', 'none')}${val('minorTickMark', 'none')}${val('tickLblPos', 'nextTo')}${axisLine()}${txPr(lang, size - 1)}` +
    `${val('crossAx', cross)}${val('crosses', secondary ? 'max' : 'autoZero')}${val('crossBetween', 'between')}${axis.majorUnit !== undefined ? val('majorUnit', axis.majorUnit) : ''}</c:valAx>`
  );
}

interface Group {
  kind: 'bar' | 'line';
  axis: 'primary' | 'secondary';
  series: { spec: ChartSeries; index: number }[];
}

/** Checks a spec before anything is written: an invalid chart would make Excel offer to repair the file. */
export function checkSpec(spec: ChartSpec): void {
  if (spec.series.length === 0) throw new Error(`${spec.title ?? 'chart'}: no series`);
  for (const s of spec.series) {
    const n = cellsOf(s.categories).length;
    if (cellsOf(s.values).length !== n)
      throw new Error(
        `${spec.title ?? 'chart'}: ${s.values.sheet}!${s.values.range} and ${s.categories.sheet}!${s.categories.range} differ in length`,
      );
    rgb(s.colour);
    if (s.pointColours && s.pointColours.length > n)
      throw new Error(`${spec.title ?? 'chart'}: more point colours than points`);
    s.pointColours?.forEach((c) => c && rgb(c));
  }
  const kinds = spec.series.map((s) => s.kind ?? (spec.type === 'line' ? 'line' : 'bar'));
  if (spec.type === 'bar' && kinds.includes('line'))
    throw new Error(`${spec.title ?? 'chart'}: lines cannot be combined with horizontal bars`);
  if (spec.series.some((s) => s.axis === 'secondary') && spec.series.every((s) => s.axis === 'secondary'))
    throw new Error(`${spec.title ?? 'chart'}: a secondary axis needs at least one series on the primary axis`);
  if (spec.overlap !== undefined && (spec.overlap < -100 || spec.overlap > 100))
    throw new Error('overlap goes from -100 to 100');
  if (spec.gapWidth !== undefined && (spec.gapWidth < 0 || spec.gapWidth > 500))
    throw new Error('gapWidth goes from 0 to 500');
}

export function chartXml(spec: ChartSpec, cells: CellSource): string {
  checkSpec(spec);
  const lang = spec.language ?? LOCALES.fr;
  const size = spec.fontSize ?? 9;
  const grouping = spec.grouping ?? 'clustered';
  const groups: Group[] = [];
  spec.series.forEach((s, index) => {
    const kind = s.kind ?? (spec.type === 'line' ? 'line' : 'bar');
    const axis = s.axis ?? 'primary';
    let group = groups.find((g) => g.kind === kind && g.axis === axis);
    if (!group) groups.push((group = { kind, axis, series: [] }));
    group.series.push({ spec: s, index });
  });
  // Bars first, so lines are drawn over them.
  groups.sort((a, b) => (a.kind === b.kind ? (a.axis === 'primary' ? -1 : 1) : a.kind === 'bar' ? -1 : 1));
  const hasSecondary = groups.some((g) => g.axis === 'secondary');

  const plots = groups.map((g) => {
    const axes =
      g.axis === 'primary'
        ? `${val('axId', AXIS.cat)}${val('axId', AXIS.val)}`
        : `${val('axId', AXIS.cat2)}${val('axId', AXIS.val2)}`;
    if (g.kind === 'line') {
      return `<c:lineChart>${val('grouping', 'standard')}${val('varyColors', 0)}${g.series.map((s) => lineSeries(s.spec, s.index, cells, lang)).join('')}${val('marker', 1)}${axes}</c:lineChart>`;
    }
    const overlap = spec.overlap ?? (grouping === 'clustered' ? 0 : 100);
    return (
      `<c:barChart>${val('barDir', spec.type === 'bar' ? 'bar' : 'col')}${val('grouping', grouping)}${val('varyColors', 0)}` +
      `${g.series.map((s) => barSeries(s.spec, s.index, grouping, cells, lang)).join('')}${val('gapWidth', spec.gapWidth ?? 80)}${val('overlap', overlap)}${axes}</c:barChart>`
    );
  });
  const axes =
    categoryAxis(spec, AXIS.cat, AXIS.val, false, lang, size) +
    valueAxis(spec, spec.valueAxis ?? {}, AXIS.val, AXIS.cat, false, lang, size) +
    (hasSecondary
      ? categoryAxis(spec, AXIS.cat2, AXIS.val2, true, lang, size) +
        valueAxis(spec, spec.secondaryAxis ?? {}, AXIS.val2, AXIS.cat2, true, lang, size)
      : '');
  const hiddenEntries = spec.series
    .map((s, i) => (s.inLegend === false ? `<c:legendEntry>${val('idx', i)}${val('delete', 1)}</c:legendEntry>` : ''))
    .join('');
  const legend =
    spec.legend === 'none'
      ? ''
      : `<c:legend>${val('legendPos', { bottom: 'b', top: 't', right: 'r', left: 'l' }[spec.legend ?? 'bottom'])}${hiddenEntries}${val('overlay', 0)}${txPr(lang, size - 1)}</c:legend>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${val('date1904', 0)}${val('lang', lang)}${val('roundedCorners', 0)}` +
    `<c:chart>${spec.title ? `${title(spec.title, lang, 12)}${val('autoTitleDeleted', 0)}` : val('autoTitleDeleted', 1)}` +
    `<c:plotArea><c:layout/>${plots.join('')}${axes}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>` +
    `${legend}${val('plotVisOnly', 1)}${val('dispBlanksAs', 'gap')}</c:chart>` +
    `<c:spPr>${fill('FFFFFF')}<a:ln w="9525">${fill('D9D9D9')}</a:ln></c:spPr>${txPr(lang, size)}` +
    `</c:chartSpace>`
  );
}
