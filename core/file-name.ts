import type { Framework } from './framework/schema';

/**
 * What a file's name tells: the commune and the period. Used when its content cannot: the merge's
 * `Sources` and coverage, and the feedback, say the same of an unreadable file named for a commune.
 */

/** Folds accents and case, keeps letters and digits as words: « Soni_Aliber-2023 » → « soni aliber 2023 ». */
const words = (text: string) =>
  ` ${text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

/** The commune a file name tells (its code or its name as a word), when exactly one does. */
export function communeFromName(name: string, framework: Framework): string | null {
  const text = words(name);
  const found = framework.communes.filter((c) => text.includes(words(c.code)) || text.includes(words(c.name)));
  return found.length === 1 ? found[0]!.code : null;
}

/** The period a file name tells (the longest label found as a word: « 2023-T1 » before « 2023 »). */
export function periodFromName(name: string, framework: Framework): string | null {
  const text = words(name);
  const labels = framework.periods.map((p) => p.label).sort((a, b) => b.length - a.length);
  return labels.find((label) => text.includes(words(label))) ?? null;
}
