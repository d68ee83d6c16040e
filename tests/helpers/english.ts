/**
 * What an English text may and may not hold, for every test that checks one (catalogues, command
 * output, the feedback files): the contract's French names, French typography and words, and the
 * strings of a value (data, French by right).
 */
/** The contract's French names: sheets, columns, the template's fields and the tidy table's headers. */
export const CONTRACT = [
  'Synthèse',
  'Prévu vs Réalisé',
  'Évolution',
  'Données',
  'Contrôles',
  'Textes longs',
  'Bénéficiaires',
  'Identification',
  'Indicateurs',
  'Instructions',
  'Commentaire',
  'Réalisé',
  'Prévu',
  'Femmes',
  'Hommes',
  'Dépensé',
  'Rubrique',
  'Catégorie',
  'Période',
  'Commune',
  'Date de saisie',
  'Rempli par',
  'Fonction',
  'Téléphone',
  'Total projet',
  'Début de période',
  'Fin de période',
  'Cible fin de projet',
  'Référence',
  'Année de référence',
  'Désagrégation',
  'Libellé',
  'Cercle',
  'Section',
  'Code',
  'Source',
  'Budget',
];

/** French typography: « », narrow no-break spaces (French numbers), a space before : ; ! ? */
export const FRENCH_TYPOGRAPHY = /[«»\u202f]| [:;!?](\s|$)/;
export const FRENCH_WORDS =
  /\b(le|la|les|des|du|une|est|sont|et|ou|pour|avec|dans|sur|fichier|période|reçu|cible|prévus|saisie|non|ligne|vide|illisible|erreur|classeur|aucun|pas|fichiers|par|défaut|classeurs|dossier)\b/i;

/** Every string in a value (the framework, a fill): the data, French by right. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
