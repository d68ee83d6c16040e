import type { Issue, Params } from '../report';
import { en } from './en';
import { fr } from './fr';

export type Lang = 'fr' | 'en';
export type Messages = typeof fr;
export const MESSAGES: Record<Lang, Messages> = { fr, en };
export const LANGS: readonly Lang[] = ['fr', 'en'];
/** Each language's BCP 47 locale: numbers, dates and times, and the language of Excel's chart texts. */
export const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Numbers as each language writes them: 96 303 057 (narrow no-break spaces) / 96,303,057. */
const FORMATS: Record<Lang, Intl.NumberFormat> = {
  // Up to 6 decimals: a number read from a cell is shown back as it is (« lu comme 1 250,375 »), not rounded.
  fr: new Intl.NumberFormat(LOCALES.fr, { maximumFractionDigits: 6 }),
  en: new Intl.NumberFormat(LOCALES.en, { maximumFractionDigits: 6 }),
};

export function formatNumber(value: number, lang: Lang): string {
  return FORMATS[lang].format(value);
}

/**
 * Parameters that hold a calendar date: kept ISO in the report (for machines), written the reader's
 * way in the text. Only these names: a text the user typed (`{text}`) is quoted as typed.
 */
const DATE_PARAMS: ReadonlySet<string> = new Set(['date', 'start', 'end', 'last', 'deadline']);

export function interpolate(template: string, params: Params, lang: Lang): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return formatNumber(value, lang);
    return DATE_PARAMS.has(name) ? formatDate(value, lang) : value;
  });
}

/** The text of an issue in the user's language; an unknown id falls back to the id itself. */
export function renderIssue(issue: Pick<Issue, 'ruleId' | 'messageId' | 'params'>, lang: Lang = 'fr'): string {
  const catalogue = MESSAGES[lang];
  // A rule of one workbook, or a check across files made when consolidating.
  const byRule =
    (catalogue.rules as Record<string, Record<string, string>>)[issue.ruleId] ??
    (catalogue.checks as Record<string, Record<string, string>>)[issue.ruleId];
  const template = byRule?.[issue.messageId];
  return template ? interpolate(template, issue.params, lang) : `${issue.ruleId}/${issue.messageId}`;
}

export function severityLabel(severity: Issue['severity'], lang: Lang = 'fr'): string {
  return MESSAGES[lang].severity[severity];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as each language reads it: 30/04/2025 in French, 30 Apr 2025 in English (never ambiguous). */
export function formatDate(iso: string, lang: Lang): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  if (lang === 'fr') return `${m[3]}/${m[2]}/${m[1]}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}
