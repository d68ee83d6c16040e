/**
 * Reading a printout: LibreOffice converts workbooks to PDF, and `pdftotext -bbox-layout` gives each
 * word's box, grouped in lines. Each page is told apart by the sheet name in its footer (`&A`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { elements, parseXml } from '../helpers/xml';

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find(
  existsSync,
);

/**
 * Height of a word's box over the font size, for Calibri (Carlito): measured on an 11-point cell printed
 * at 100 % (the template's `Identification`), whose words are 14.30 points high.
 */
export const BOX_PER_POINT = 14.2974 / 11;

export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The line of the page it belongs to. */
  line: number;
}

export interface Page {
  number: number;
  width: number;
  height: number;
  sheet: string;
  /** The words above the footer. */
  words: Word[];
}

/** Converts the workbooks to PDF in one LibreOffice run, with a fresh French-locale profile. */
export function convertToPdf(files: readonly string[], outDir: string): string[] {
  if (!SOFFICE)
    throw new Error('LibreOffice est introuvable : installez-le avec « apt-get install libreoffice-calc ».');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'me-lo-print-'));
  try {
    mkdirSync(path.join(profile, 'user'), { recursive: true });
    writeFileSync(
      path.join(profile, 'user', 'registrymodifications.xcu'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value></prop></item>' +
        '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>fr-FR</value></prop></item></oor:items>\n',
    );
    const result = spawnSync(
      SOFFICE,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        ...files,
      ],
      {
        encoding: 'utf8',
        timeout: 240_000,
      },
    );
    const pdfs = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.pdf`));
    if (result.error || result.status !== 0 || !pdfs.every(existsSync))
      throw new Error(`soffice failed: ${result.error?.message ?? ''} ${result.stderr} ${result.stdout}`);
    return pdfs;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The pages of a PDF with their words; `sheets` are the names the footers may carry. */
export function readPages(pdf: string, sheets: readonly string[]): Page[] {
  const result = spawnSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  let lineId = 0;
  return elements(parseXml(result.stdout), 'page').map((page, i) => {
    const width = Number(page.attributes['width']);
    const height = Number(page.attributes['height']);
    const lines = elements(page, 'line').map((lineElement) => {
      const line = lineId++;
      return elements(lineElement, 'word').map((w): Word => ({
        text: w.text,
        x0: Number(w.attributes['xMin']),
        y0: Number(w.attributes['yMin']),
        x1: Number(w.attributes['xMax']),
        y1: Number(w.attributes['yMax']),
        line,
      }));
    });
    // The footer: the lines in the bottom margin; its centre part is the sheet's name.
    const isFooter = (line: Word[]) => line.length > 0 && line[0]!.y0 > height - 45;
    const footer = lines.filter(isFooter).map((line) => line.map((w) => w.text).join(' '));
    const sheet = sheets.find((name) => footer.includes(name)) ?? '?';
    return { number: i + 1, width, height, sheet, words: lines.filter((line) => !isFooter(line)).flat() };
  });
}

/** A line of rotated text (a vertical axis title): its words are stacked, not side by side. */
export function isVertical(words: readonly Word[]): boolean {
  if (words.length < 2)
    return words.length === 1 && words[0]!.text.length > 2 && words[0]!.y1 - words[0]!.y0 > words[0]!.x1 - words[0]!.x0;
  return words.every((w, i) => i === 0 || w.y0 >= words[i - 1]!.y1 - 0.5 || w.y1 <= words[i - 1]!.y0 + 0.5);
}

/** The font size (points) each horizontal word prints at. */
export function printedSizes(page: Page): { word: Word; points: number }[] {
  const byLine = new Map<number, Word[]>();
  for (const w of page.words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  return [...byLine.values()]
    .filter((line) => !isVertical(line))
    .flatMap((line) => line.map((word) => ({ word, points: (word.y1 - word.y0) / BOX_PER_POINT })));
}

/**
 * Pairs of words of different lines whose boxes overlap: across by more than a point, and down by more than
 * a third of the smaller word (the boxes of a wrapped text's lines touch; overprinted lines cross).
 */
export function overlaps(page: Page, tolerance = 1): [Word, Word][] {
  const out: [Word, Word][] = [];
  const words = [...page.words].sort((a, b) => a.y0 - b.y0);
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!;
    for (let j = i + 1; j < words.length && words[j]!.y0 < a.y1 - tolerance; j++) {
      const b = words[j]!;
      if (a.line === b.line) continue;
      const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (dx > tolerance && dy > Math.min(a.y1 - a.y0, b.y1 - b.y0) / 3) out.push([a, b]);
    }
  }
  return out;
}

/** Letters and digits runs of a text: a wrapped or hyphen-broken word still yields its parts. */
export function tokens(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
}
