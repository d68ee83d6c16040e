/** Case-, accent- and space-insensitive key: « Bénéficiaires » = « beneficiaires » = « BENEFICIAIRES ». */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/[’‘`]/g, "'")
    .trim();
}
