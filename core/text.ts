const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Case-, accent- and space-insensitive key: « Bénéficiaires » = « beneficiaires » = « BENEFICIAIRES ». */
export function normalise(text: string): string {
  // The same labels and headers come back in every workbook of a merge: computed once each.
  let key = cache.get(text);
  if (key === undefined) {
    key = compute(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, key);
  }
  return key;
}

function compute(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/[’‘`]/g, "'")
    .trim();
}
