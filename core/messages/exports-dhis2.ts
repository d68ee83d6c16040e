import type { Params } from '../report';
import { interpolate, type Lang } from './index';

/**
 * Texts of the DHIS2 export (`npm run merge -- --dhis2`): the mapping file's problems, the command's
 * options and the summary. `en` is typed against `fr`: a text added to one language only does not compile.
 */
const fr = {
  placeholderIds:
    'DHIS2, attention : {count} identifiant(s) d’exemple dans la correspondance (par exemple {example}) : remplacez-les par ceux du serveur avant d’envoyer',
  // The mapping file's problems (one line: the file, then each JSON path and what to do).
  unreadable: 'lecture impossible ({code}) : vérifiez le chemin du fichier',
  notFound: 'fichier introuvable : vérifiez le chemin',
  notJson: 'ce n’est pas du JSON valide : vérifiez les virgules, guillemets et accolades',
  uid: '« {value} » n’est pas un identifiant DHIS2 (UID de 11 lettres ou chiffres, une lettre d’abord) : copiez l’UID depuis votre serveur DHIS2',
  period: '« {value} » n’est pas une période DHIS2 : écrivez-la comme DHIS2 (2023, 2024Q2, 202406, 2024April…)',
  missing: 'valeur obligatoire manquante',
  notAnObject: 'objet attendu, pas {value}',
  unknownKeys: 'clé(s) inconnue(s) : {keys} – retirez-les ou corrigez leur orthographe',
  invalid: 'valeur invalide : {value}',
  unknownCommune: 'commune {code} inconnue du cadre de résultats (communes : {known})',
  unknownPeriod: 'période {code} inconnue du cadre de résultats (périodes : {known})',
  unknownCode: 'code {code} inconnu du cadre de résultats (codes : {known})',
  sameOrgUnit: 'unité d’organisation {value} déjà donnée à la commune {other} : chaque commune a la sienne',
  sameCell:
    'même élément de données, même combinaison de catégories que {other} : DHIS2 garderait un seul des deux chiffres',
  noDataElement: 'pas d’élément de données : ajoutez "dataElement" ici ou à l’indicateur',
  problemAt: '{path} : {text}',
  fileProblems: 'Correspondance DHIS2 {file} : {problems}',
  separator: ' ; ',

  // The command line.
  optDhis2: 'écrire aussi les chiffres acceptés pour DHIS2 (dataValueSets en JSON, et le même contenu en CSV à côté)',
  optDhis2Mapping: 'fichier de correspondance DHIS2 (JSON ; voir templates/dhis2-mapping.exemple.json)',
  needsMapping: '--dhis2 demande --dhis2-mapping FICHIER.json (voir templates/dhis2-mapping.exemple.json)',
  needsDhis2: '--dhis2-mapping ne sert qu’avec --dhis2 FICHIER.json',
  notJsonName: '--dhis2 « {value} » : donnez un nom de fichier en .json (le CSV est écrit à côté)',
  clash: '--dhis2 « {value} » écraserait {other} : choisissez un autre nom de fichier',
  insideInput:
    '--dhis2 « {value} » est dans le dossier lu ({input}) : la consolidation suivante le lirait ; écrivez-le ailleurs, par exemple dans out/',
  notAFile: '--dhis2 « {value} » n’est pas un fichier ordinaire ({kind}) : choisissez un autre nom de fichier',
  fileOnPath:
    '--dhis2 « {value} » : {blocker} est un fichier, pas un dossier : renommez-le ou écrivez l’export DHIS2 dans un autre dossier',
  writeFailed: 'écriture de l’export DHIS2 {file} impossible : {why} ; aucun fichier DHIS2 n’a été écrit',
  notWrittenForProblem: 'Export DHIS2 non écrit : la consolidation n’a pas abouti.',

  // The summary.
  written: 'DHIS2 : {written} valeur(s) écrite(s) dans {file} (et {csv}).',
  writtenNone: 'DHIS2 : aucune valeur écrite dans {file} (et {csv}) : vérifiez la correspondance.',
  notWritten: 'DHIS2, non envoyé : {count} valeur(s) – {list}.',
  notWrittenItem: '{reason} : {count}',
  notWrittenMore: 'détail dans le résumé --json (clé dhis2)',
  itemsNotMapped: 'DHIS2, codes sans correspondance : {list}.',
  leftOutFiles: 'DHIS2, fichiers laissés de côté : {list}.',
  leftOutFile: '{file} ({reason})',
  notReceived: 'DHIS2, rien envoyé pour : {list} (non reçu).',
  listSeparator: ', ',

  // Why a value or a file is not in the export.
  noValue: 'cellule vide',
  itemNotMapped: 'indicateur ou ventilation sans correspondance',
  communeNotMapped: 'commune sans unité d’organisation',
  periodNotMapped: 'période sans période DHIS2',
  rejected: 'fichier refusé',
  duplicate: 'doublon écarté',
  otherPeriod: 'hors de la période demandée',
  toDateOnly: 'période antérieure, dans le cumul seulement',
};

export type Dhis2TextId = keyof typeof fr;
/** The ids a mapping problem may have. */
export type Dhis2ProblemId = Extract<
  Dhis2TextId,
  | 'unreadable'
  | 'notFound'
  | 'notJson'
  | 'uid'
  | 'period'
  | 'missing'
  | 'notAnObject'
  | 'unknownKeys'
  | 'invalid'
  | 'unknownCommune'
  | 'unknownPeriod'
  | 'unknownCode'
  | 'sameOrgUnit'
  | 'sameCell'
  | 'noDataElement'
>;

const en: typeof fr = {
  placeholderIds:
    "DHIS2, warning: {count} example identifier(s) in the mapping (for example {example}): replace them with the server's before sending",
  unreadable: 'cannot be read ({code}): check the file path',
  notFound: 'file not found: check the path',
  notJson: 'is not valid JSON: check the commas, quotes and braces',
  uid: '“{value}” is not a DHIS2 identifier (a UID of 11 letters or digits, a letter first): copy the UID from your DHIS2 server',
  period: '“{value}” is not a DHIS2 period: write it as DHIS2 does (2023, 2024Q2, 202406, 2024April…)',
  missing: 'missing required value',
  notAnObject: 'expected an object, not {value}',
  unknownKeys: 'unknown key(s): {keys} – remove them or correct their spelling',
  invalid: 'invalid value: {value}',
  unknownCommune: 'commune {code} is not in the results framework (communes: {known})',
  unknownPeriod: 'period {code} is not in the results framework (periods: {known})',
  unknownCode: 'code {code} is not in the results framework (codes: {known})',
  sameOrgUnit: 'organisation unit {value} is already given to commune {other}: each commune has its own',
  sameCell: 'same data element and category option combo as {other}: DHIS2 would keep only one of the two numbers',
  noDataElement: 'no data element: add "dataElement" here or to the indicator',
  problemAt: '{path}: {text}',
  fileProblems: 'DHIS2 mapping {file}: {problems}',
  separator: '; ',

  optDhis2: 'also write the accepted numbers for DHIS2 (dataValueSets as JSON, and the same rows as CSV beside it)',
  optDhis2Mapping: 'DHIS2 mapping file (JSON; see templates/dhis2-mapping.exemple.json)',
  needsMapping: '--dhis2 needs --dhis2-mapping FILE.json (see templates/dhis2-mapping.exemple.json)',
  needsDhis2: '--dhis2-mapping is only used with --dhis2 FILE.json',
  notJsonName: '--dhis2 “{value}”: give a file name ending in .json (the CSV is written beside it)',
  clash: '--dhis2 “{value}” would overwrite {other}: choose another file name',
  insideInput:
    '--dhis2 “{value}” is inside the folder read ({input}): the next consolidation would read it; write it elsewhere, out/ for instance',
  notAFile: '--dhis2 “{value}” is not a regular file ({kind}): choose another file name',
  fileOnPath:
    '--dhis2 “{value}”: {blocker} is a file, not a folder: rename it or write the DHIS2 export in another folder',
  writeFailed: 'cannot write the DHIS2 export {file}: {why}; no DHIS2 file was written',
  notWrittenForProblem: 'DHIS2 export not written: the consolidation did not complete.',

  written: 'DHIS2: {written} value(s) written to {file} (and {csv}).',
  writtenNone: 'DHIS2: no value written to {file} (and {csv}): check the mapping.',
  notWritten: 'DHIS2, not sent: {count} value(s) – {list}.',
  notWrittenItem: '{reason}: {count}',
  notWrittenMore: 'details in the --json summary (key dhis2)',
  itemsNotMapped: 'DHIS2, codes with no mapping: {list}.',
  leftOutFiles: 'DHIS2, files left out: {list}.',
  leftOutFile: '{file} ({reason})',
  notReceived: 'DHIS2, nothing sent for: {list} (not received).',
  listSeparator: ', ',

  noValue: 'empty cell',
  itemNotMapped: 'indicator or disaggregation with no mapping',
  communeNotMapped: 'commune with no organisation unit',
  periodNotMapped: 'period with no DHIS2 period',
  rejected: 'file rejected',
  duplicate: 'duplicate set aside',
  otherPeriod: 'outside the period asked for',
  toDateOnly: 'earlier period, in the cumulative only',
};

export const DHIS2_TEXTS: Record<Lang, typeof fr> = { fr, en };

export function dhis2Text(id: Dhis2TextId, params: Params, lang: Lang): string {
  return interpolate(DHIS2_TEXTS[lang][id], params, lang);
}

/** The whole mapping file on one line: « Correspondance DHIS2 fichier.json : a.b : … ; c : … ». */
export function dhis2MappingErrorText(
  file: string,
  problems: readonly { path: string; id: Dhis2TextId; params: Params }[],
  lang: Lang,
): string {
  const said = problems
    .map((p) => {
      const text = dhis2Text(p.id, p.params, lang);
      return p.path ? dhis2Text('problemAt', { path: p.path, text }, lang) : text;
    })
    .join(DHIS2_TEXTS[lang].separator);
  return dhis2Text('fileProblems', { file, problems: said }, lang);
}
