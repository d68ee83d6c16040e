import type { Params } from '../report';
import { interpolate, type Lang } from './index';

/**
 * The IATI export's texts (`npm run merge -- --iati FILE.xml`): its option, its argument errors, its
 * summary and what it left out, and the few narratives it writes into the file (in the framework's
 * `iati.language`). `en` is typed against `fr`: a text in one language only does not compile.
 */
const fr = {
  placeholderIds:
    'IATI, attention : identifiant(s) d’exemple à remplacer avant de publier (bloc « iati » du cadre de résultats) : {ids}',
  optIati: 'écrit aussi les résultats au format IATI 2.03 (iati-activities) dans ce fichier .xml',
  iatiExtension: '--iati : un fichier .xml est attendu, pas « {value} »',
  noIatiBlock:
    '--iati : le cadre de résultats {framework} n’a pas de bloc « iati » (identifiants, organisations, codes) : ajoutez-le comme dans templates/framework.json (README, « Export IATI »)',
  iatiNotAFile: '--iati : « {value} » n’est pas un fichier ordinaire ({kind}) : choisissez un autre chemin',
  iatiIsOutput: '--iati : « {value} » est déjà le fichier d’une autre sortie : choisissez un autre chemin',
  iatiInsideInput:
    '--iati « {value} » est dans le dossier lu ({input}) : la consolidation suivante le trouverait parmi les fiches ; écrivez-le ailleurs, par exemple dans out/',
  iatiFileOnPath:
    '--iati « {value} » : {blocker} est un fichier, pas un dossier : renommez-le ou écrivez le fichier IATI dans un autre dossier',
  iatiWriteFailed: 'export IATI : écriture de {file} impossible : {why} ; aucun fichier IATI n’a été écrit',
  iatiNotWritten: 'export IATI : pas de fichier IATI, la consolidation n’a rien produit',

  // The summary.
  written:
    'IATI 2.03 : {file} – {results} résultat(s), {indicators} indicateur(s), {periods} période(s) de résultats, {values} valeur(s) cible ou réalisé, {budgets} budget(s), {transactions} transaction(s).',
  leftOutNone: 'Export IATI : rien n’a été laissé de côté.',
  leftOut: 'Laissé hors de l’export IATI ({count}) : {list}',
  listSeparator: ' ; ',

  // Why something is not in the file.
  periodNotReceived: '{commune}, {period} : non reçu',
  fileRejected: '{commune}, {period} : fichier refusé ({files})',
  sourceRejected: '{file} : fichier refusé',
  noTarget: '{code}, {period} : cible non définie (pas de cible)',
  noActual: '{code}, {period} : aucune commune reçue (pas de réalisé)',
  noAgeBand: '{code} : catégorie sans tranche d’âge dans le bloc « iati » (pas de résultat)',
  noSpent: '{period} : aucun montant dépensé reçu (pas de transaction)',
  budgetIncomplete: 'budget {period} : rubriques sans prévu de la période ({codes})',

  // Narratives written into the file.
  description: '{title}. Région de {region} ({country}), communes de {communes}. Mis en œuvre par {implementer}.',
  communeDescription: 'Commune : {commune} (cercle : {cercle})',
  coordinatorComment: '{commune} : {text}',
  partialActual: 'Réalisé des communes reçues ; non reçu : {communes}',
  expenditure: 'Dépenses déclarées pour {period} : {communes}',
  expenditurePartial: 'Dépenses déclarées pour {period} : {communes} ; non reçu : {missing}',
  commentSeparator: ' ; ',
};

export type IatiTextId = keyof typeof fr;

const en: typeof fr = {
  placeholderIds:
    'IATI, warning: example identifier(s) to replace before publishing (the framework\'s "iati" block): {ids}',
  optIati: 'also writes the results as IATI 2.03 (iati-activities) to this .xml file',
  iatiExtension: '--iati: expected an .xml file, not "{value}"',
  noIatiBlock:
    '--iati: the results framework {framework} has no "iati" block (identifiers, organisations, codes): add one as in templates/framework.json (README, "IATI export")',
  iatiNotAFile: '--iati: "{value}" is not a regular file ({kind}): choose another path',
  iatiIsOutput: '--iati: "{value}" is already the file of another output: choose another path',
  iatiInsideInput:
    '--iati "{value}" is inside the folder read ({input}): the next merge would find it among the reports; write it elsewhere, for example in out/',
  iatiFileOnPath:
    '--iati "{value}": {blocker} is a file, not a folder: rename it or write the IATI file in another folder',
  iatiWriteFailed: 'IATI export: cannot write {file}: {why}; no IATI file was written',
  iatiNotWritten: 'IATI export: no IATI file, the consolidation produced nothing',

  written:
    'IATI 2.03: {file} – {results} result(s), {indicators} indicator(s), {periods} result period(s), {values} target or actual value(s), {budgets} budget(s), {transactions} transaction(s).',
  leftOutNone: 'IATI export: nothing was left out.',
  leftOut: 'Left out of the IATI export ({count}): {list}',
  listSeparator: '; ',

  periodNotReceived: '{commune}, {period}: not received',
  fileRejected: '{commune}, {period}: file rejected ({files})',
  sourceRejected: '{file}: file rejected',
  noTarget: '{code}, {period}: target not set (no target)',
  noActual: '{code}, {period}: no commune received (no actual)',
  noAgeBand: '{code}: category without an age band in the "iati" block (no result)',
  noSpent: '{period}: no amount spent received (no transaction)',
  budgetIncomplete: 'budget {period}: lines without a planned amount for the period ({codes})',

  description: '{title}. {region} region ({country}), communes of {communes}. Implemented by {implementer}.',
  communeDescription: 'Commune: {commune} (cercle: {cercle})',
  coordinatorComment: '{commune}: {text}',
  partialActual: 'Actual of the communes received; not received: {communes}',
  expenditure: 'Expenditure reported for {period}: {communes}',
  expenditurePartial: 'Expenditure reported for {period}: {communes}; not received: {missing}',
  commentSeparator: '; ',
};

export const IATI_TEXTS: Record<Lang, typeof fr> = { fr, en };

export function iatiText(id: IatiTextId, params: Params, lang: Lang): string {
  return interpolate(IATI_TEXTS[lang][id], params, lang);
}
