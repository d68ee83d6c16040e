/** The task pane's own words, French first. `{name}` is replaced at display time. */

export type PaneLang = 'fr' | 'en';

export const fr = {
  title: 'Contrôles S&E',
  subtitle: 'Ensemble pour un avenir meilleur',
  validate: 'Valider le classeur',
  highlight: 'Surligner',
  clearHighlights: 'Effacer les surlignages',
  reading: 'Lecture du classeur…',
  writing: 'Création du modèle…',
  notInExcel: 'Ouvrez ce volet dans Excel : il ne fonctionne que dans un classeur.',
  unsupported:
    'Cette version d’Excel est trop ancienne pour ce complément : il lui faut ExcelApi {required} (Excel 2016 avec ses mises à jour, Excel 2019 et plus récent, Microsoft 365, Excel sur le web, Excel pour Mac). La vérification automatique demande ExcelApi {live} (Excel 2019 et plus récent, Microsoft 365, Excel sur le web).',
  failed: 'L’opération a échoué : {message}',
  liveOn: 'Vérification automatique : la liste se met à jour quelques instants après chaque saisie.',
  revalidateHint:
    'Après vos corrections, cliquez de nouveau sur « Valider le classeur » (cette version d’Excel ne signale pas les modifications).',
  checkedAt: 'Dernière vérification à {time}.',
  allGood: 'Aucun problème : le classeur est complet et cohérent. Vous pouvez l’envoyer.',
  errorsCount: 'Erreurs : {count}',
  warningsCount: 'Avertissements : {count}',
  infoCount: 'Informations : {count}',
  mustFix: 'Corrigez les erreurs avant d’envoyer le fichier.',
  clickHint: 'Cliquez sur un problème pour aller à la cellule.',
  workbook: 'Classeur',
  cell: 'cellule {address}',
  wholeSheet: 'feuille entière',
  hiddenSheet: 'La feuille « {sheet} » est masquée : la cellule {address} ne peut pas être affichée.',
  notTemplate:
    'Ce classeur n’est pas une fiche de suivi du projet : les feuilles « Indicateurs » et « _meta » sont introuvables.',
  createIntro: 'Vous pouvez créer ici la fiche d’une commune, puis la remplir.',
  commune: 'Commune',
  createTemplate: 'Créer le modèle',
  created: 'Fiche de {commune} créée : remplissez les cellules jaunes, puis cliquez sur « Valider le classeur ».',
  createdForPeriod:
    'Fiche de {commune} pour {period} créée, avec les cibles de la période : remplissez les cellules jaunes, puis cliquez sur « Valider le classeur ».',
  templatePeriod: 'Période',
  periodInSheet: 'à choisir dans la fiche',
  templatePeriodHint:
    'Avec une période, la colonne Prévu affiche ses cibles ; « à choisir dans la fiche » laisse Prévu vide.',
  sheetExists: 'La feuille « {sheet} » existe déjà : créez le modèle dans un classeur vide.',
  highlighted: 'Cellules surlignées : {count}. « Effacer les surlignages » remet les couleurs d’origine.',
  nothingToHighlight: 'Aucune cellule à surligner.',
  cleared: 'Couleurs d’origine remises ({count} cellules).',
  nothingToClear: 'Aucun surlignage à effacer.',
  validateFirst: 'Cliquez d’abord sur « Valider le classeur ».',
  summary: 'Synthèse de la commune',
  period: 'Période',
  completeness: 'Complétude',
  completenessValue: '{filled} cellules remplies sur {inputs} ({percent} %)',
  notStated: 'non renseignée',
  byResult: 'Prévu et réalisé par résultat attendu',
  code: 'Code',
  indicator: 'Indicateur',
  planned: 'Prévu',
  achieved: 'Réalisé',
  rate: 'Taux',
  averageRate: 'taux moyen {percent} %',
  budget: 'Budget : {spent} FCFA dépensés sur {planned} FCFA prévus ({percent} %)',
  budgetUndefined: 'Budget : {spent} FCFA dépensés ; pas de budget prévu pour cette période dans le cadre',
  targetUndefined: 'cible non définie',
  issues: 'Problèmes',
};

export type PaneStrings = typeof fr;

export const en: PaneStrings = {
  title: 'M&E checks',
  subtitle: 'Ensemble pour un avenir meilleur',
  validate: 'Validate workbook',
  highlight: 'Highlight',
  clearHighlights: 'Clear highlights',
  reading: 'Reading the workbook…',
  writing: 'Creating the template…',
  notInExcel: 'Open this pane in Excel: it only works in a workbook.',
  unsupported:
    'This version of Excel is too old for this add-in: it needs ExcelApi {required} (Excel 2016 with its updates, Excel 2019 or later, Microsoft 365, Excel on the web, Excel for Mac). Live checking needs ExcelApi {live} (Excel 2019 or later, Microsoft 365, Excel on the web).',
  failed: 'The operation failed: {message}',
  liveOn: 'Live checking: the list updates a moment after each entry.',
  revalidateHint:
    'After your corrections, click “Validate workbook” again (this version of Excel does not report changes).',
  checkedAt: 'Last checked at {time}.',
  allGood: 'No problems: the workbook is complete and consistent. You can send it.',
  errorsCount: 'Errors: {count}',
  warningsCount: 'Warnings: {count}',
  infoCount: 'Information: {count}',
  mustFix: 'Correct the errors before sending the file.',
  clickHint: 'Click a problem to go to its cell.',
  workbook: 'Workbook',
  cell: 'cell {address}',
  wholeSheet: 'whole sheet',
  hiddenSheet: 'Sheet “{sheet}” is hidden: cell {address} cannot be shown.',
  notTemplate:
    'This workbook is not a monitoring form of the project: the “Indicateurs” and “_meta” sheets are missing.',
  createIntro: 'You can create the form of a commune here, then fill it in.',
  commune: 'Commune',
  createTemplate: 'Create the template',
  created: 'Form of {commune} created: fill in the yellow cells, then click “Validate workbook”.',
  createdForPeriod:
    'Form of {commune} for {period} created, with the period’s targets: fill in the yellow cells, then click “Validate workbook”.',
  templatePeriod: 'Period',
  periodInSheet: 'to be chosen in the form',
  templatePeriodHint:
    'With a period, the Prévu column shows its targets; “to be chosen in the form” leaves Prévu blank.',
  sheetExists: 'Sheet “{sheet}” already exists: create the template in an empty workbook.',
  highlighted: 'Cells highlighted: {count}. “Clear highlights” puts the original colours back.',
  nothingToHighlight: 'No cell to highlight.',
  cleared: 'Original colours put back ({count} cells).',
  nothingToClear: 'No highlights to clear.',
  validateFirst: 'Click “Validate workbook” first.',
  summary: 'Commune summary',
  period: 'Period',
  completeness: 'Completeness',
  completenessValue: '{filled} of {inputs} cells filled ({percent}%)',
  notStated: 'not stated',
  byResult: 'Planned and achieved by expected result',
  code: 'Code',
  indicator: 'Indicator',
  planned: 'Planned',
  achieved: 'Achieved',
  rate: 'Rate',
  averageRate: 'average rate {percent}%',
  budget: 'Budget: {spent} FCFA spent of {planned} FCFA planned ({percent}%)',
  budgetUndefined: 'Budget: {spent} FCFA spent; no planned budget for this period in the framework',
  targetUndefined: 'target not set',
  issues: 'Problems',
};

export const STRINGS: Record<PaneLang, PaneStrings> = { fr, en };

/** French unless Office's display language is English. */
export function paneLang(displayLanguage: string | undefined | null): PaneLang {
  return typeof displayLanguage === 'string' && displayLanguage.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export function t(lang: PaneLang, key: keyof PaneStrings, params: Record<string, string | number> = {}): string {
  return STRINGS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
