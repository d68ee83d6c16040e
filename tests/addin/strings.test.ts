import { en, fr, paneLang, STRINGS, t } from '../../addin/taskpane/strings';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('task pane strings', () => {
  it('has the same keys in French and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });
  it('has the same placeholders in both languages, and no empty text', () => {
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(fr[key])]);
      expect(fr[key].trim()).not.toBe('');
      expect(en[key].trim()).not.toBe('');
    }
  });
  it('speaks French unless Office displays English', () => {
    expect(paneLang('fr-FR')).toBe('fr');
    expect(paneLang('en-US')).toBe('en');
    expect(paneLang('EN-gb')).toBe('en');
    expect(paneLang('de-DE')).toBe('fr');
    expect(paneLang(undefined)).toBe('fr');
    expect(STRINGS.fr.validate).toBe('Valider le classeur');
  });
  it('fills the placeholders', () => {
    expect(t('fr', 'errorsCount', { count: 3 })).toBe('Erreurs : 3');
    expect(t('en', 'cell', { address: 'F5' })).toBe('cell F5');
    expect(t('fr', 'cell')).toBe('cellule {address}');
  });
});
