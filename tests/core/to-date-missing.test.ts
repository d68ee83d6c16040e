/** The « cumul à date incomplet » sentence, said alike by the merge's summary and the Synthèse sheet. */
import { TO_DATE_NAMES_UP_TO, toDateMissingText } from '../../core/messages/merge';

const framework = {
  communes: [
    { code: 'GNZ', name: 'Gounzourèye' },
    { code: 'BAR', name: 'Bara' },
  ],
};
const many = Array.from({ length: TO_DATE_NAMES_UP_TO + 1 }, (_, i) => `C${i}`);

test('nothing missing: nothing said', () => {
  expect(toDateMissingText([], framework, 'fr')).toBeUndefined();
  expect(toDateMissingText([], framework, 'en')).toBeUndefined();
});

test('French: each period with its communes by name, unknown codes as they are', () => {
  const missing = [
    { period: '2023', communes: ['GNZ', 'BAR'] },
    { period: '2024-T1', communes: ['XYZ'] },
  ];
  expect(toDateMissingText(missing, framework, 'fr')).toBe(
    'Cumul à date incomplet, fichiers absents du dossier : 2023 (Gounzourèye, Bara) ; 2024-T1 (XYZ).',
  );
});

test('English: the same list, in English, with no French typography', () => {
  const missing = [
    { period: '2023', communes: ['GNZ', 'BAR'] },
    { period: '2024-T1', communes: many },
  ];
  const text = toDateMissingText(missing, framework, 'en');
  expect(text).toBe(
    `Cumulative to date incomplete, files missing from the folder: 2023 (Gounzourèye, Bara); 2024-T1 (${many.length} communes).`,
  );
  expect(text).not.toMatch(/[«»\u202f]| [:;]/);
});

test('past the limit, the communes are counted rather than named', () => {
  expect(toDateMissingText([{ period: '2023', communes: many }], framework, 'fr')).toBe(
    `Cumul à date incomplet, fichiers absents du dossier : 2023 (${many.length} communes).`,
  );
});
