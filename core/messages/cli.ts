import type { Params } from '../report';
import { interpolate, type Lang } from './index';

/**
 * The command lines' own texts (validate, merge, templates, and what they share): argument errors, commander's
 * parsing errors, the report's summary lines. Keyed by id; `en` is typed against `fr`, so a text added
 * to one language and not the other does not compile. Rendered with the one interpolator (numbers and
 * dates the reader's way).
 */
const fr = {
  /** Behind every one-line failure. */
  error: 'Erreur : {text}',
  frameworkInvalid: 'Cadre de résultats invalide – {detail}',
  /** A file and what is wrong with it. */
  fileLine: '{file} : {reason}',
  internal: 'erreur interne pendant le contrôle ({detail}) : signalez-la au responsable suivi-évaluation',
  /** A developer's clone whose compiled commands are older than a source file. */
  staleBuild: 'Attention : {file} a changé depuis la compilation des commandes ; lancez npm run build:cli',

  // commander's parsing errors, said in the user's language.
  unknownOption: 'option inconnue « {option} »',
  unknownOptionHint: 'option inconnue « {option} » (vouliez-vous dire {hint} ?)',
  missingValue: 'valeur manquante pour l’option « {option} »',
  invalidValue: 'option « {option} » : {why}',
  tooManyArguments: 'trop d’arguments',
  missingArgument: 'argument obligatoire manquant : {argument}',
  langExpected: 'fr ou en attendu, pas « {value} »',

  // Argument checks.
  noFiles:
    'validate : aucun fichier à contrôler. Usage : npm run validate -- FICHIER.xlsx [FICHIER.xlsx…] [--lang en] [--json]',
  maxSizePositive: '--max-size : nombre de Mo positif attendu, pas « {value} »',
  maxSize: '--max-size : nombre de Mo attendu, pas « {value} »',
  prefer: '--prefer : seule la valeur « latest » est possible, pas « {value} »',
  period: '--period : « {value} » n’est pas une période du cadre ({periods})',
  output: '--output : un fichier .xlsx est attendu, pas « {value} »',
  workers: '--workers : nombre entier de 1 à 64 attendu, pas « {value} »',

  // Why an extra output (--feedback, --iati, --dhis2) could not be written: the folder named, what to do.
  writeFileOnPath:
    '{blocker} est un fichier, pas un dossier : renommez-le ou choisissez un autre dossier pour {option}',
  writeNoFolder: 'le dossier {folder} n’existe pas et n’a pas pu être créé : vérifiez le chemin de {option}',
  writeReadOnly:
    'le dossier {folder} est en lecture seule ou son accès est refusé : choisissez pour {option} un dossier où vous pouvez écrire',
  writeDiskFull: 'le disque de {folder} est plein : libérez de la place ou choisissez pour {option} un autre disque',
  writeIsFolder: '{path} est un dossier, pas un fichier : renommez-le ou choisissez un autre nom pour {option}',
  writeNameTooLong:
    'le chemin {path} est trop long pour le système de fichiers : choisissez pour {option} un nom plus court',
  writeOther: 'erreur du système de fichiers ({code}) dans {folder} : vérifiez le chemin de {option} et réessayez',

  // validate's report.
  workbook: 'classeur',
  workbookHeading: 'Classeur',
  noProblem: 'Aucun problème trouvé.',
  valid: 'valide',
  notValid: 'non valide',
  communeUnknown: 'commune non reconnue',
  commune: 'commune {name}',
  periodGiven: 'période {period}',
  periodMissing: 'période non renseignée',
  filled: '{filled}/{inputs} cellules remplies',
  summary: 'Bilan : {verdict} – {counts} – {commune}, {period} – {filled}',
  errorOne: '{n} erreur',
  errorMany: '{n} erreurs',
  warningOne: '{n} avertissement',
  warningMany: '{n} avertissements',
  infoOne: '{n} avertissement expliqué',
  infoMany: '{n} avertissements expliqués',
  totals: '{files} fichiers : {valid} {validWord}, {invalid} avec des erreurs, {unusable} {unusableWord}.',
  validOne: 'valide',
  validMany: 'valides',
  unusableOne: 'inutilisable',
  unusableMany: 'inutilisables',

  // --help: commander's headings, then each command's description and options.
  helpUsage: 'Utilisation :',
  helpOptions: 'Options :',
  helpArguments: 'Arguments :',
  helpCommands: 'Commandes :',
  helpDefault: '(par défaut : ',
  helpOption: 'affiche cette aide',
  validateDescription: 'Contrôle les classeurs remplis (.xlsx, .xlsm) et affiche chaque problème, cellule par cellule.',
  validateFilesArgument: '[fichiers...]',
  validateFiles: 'classeurs à contrôler',
  maxSizeFlagValidate: '--max-size <mo>',
  maxSizeFlagMerge: '--max-size <Mo>',
  optFramework: 'fichier du cadre de résultats',
  optLang: 'langue des messages : fr ou en',
  optJsonValidate: 'rapport JSON sur la sortie standard',
  optMaxSizeValidate: 'taille maximale d’un classeur, en Mo (défaut {mb})',
  mergeDescription: 'Consolide les classeurs des communes en un classeur de synthèse.',
  optInput: 'dossier des classeurs des communes (sous-dossiers compris)',
  optOutput: 'classeur consolidé à écrire (.xlsx)',
  optPeriod: 'ne consolider que cette période',
  optLangMerge: 'langue des messages et des intitulés',
  optJsonMerge: 'résumé pour les machines sur la sortie standard',
  optCsv: 'écrire aussi la table « Données » en CSV',
  optEvolutionCommunes: 'feuille « Évolution » : répéter les tableaux de détail pour chaque commune',
  optStrict: 'ne rien écrire si un fichier a une erreur',
  optPrefer: 'doublons : garder le fichier à la date de saisie la plus récente',
  optWorkers:
    'fils de calcul pour lire les fichiers (par défaut : cœurs − 1 à partir de 3 cœurs et 16 fichiers, sinon 1)',
  optMaxSizeMerge: 'taille maximale d’un fichier d’entrée, en Mo',
  templatesDescription: 'Génère un modèle Excel par commune à partir du cadre de résultats.',
  optTemplatesOut: 'dossier de sortie',
  optTemplatesPeriod:
    'période de rapportage des modèles (cibles de la période dans « Prévu ») ; sans elle, modèles génériques',
  optLangTemplates: 'langue des messages (les modèles restent en français : ils sont le contrat)',
  // templates' summary, on stderr after the files written.
  templatesWrittenPeriod: '{count} modèles écrits (cadre {framework} {version}, période {period}).',
  templatesWrittenGeneric: '{count} modèles écrits (cadre {framework} {version}, génériques).',
};

export type CliTextId = keyof typeof fr;

const en: typeof fr = {
  error: 'Error: {text}',
  frameworkInvalid: 'Invalid results framework – {detail}',
  fileLine: '{file}: {reason}',
  internal: 'internal error while checking ({detail}): please report it to the M&E officer',
  staleBuild: 'Warning: {file} changed since the commands were compiled; run npm run build:cli',

  unknownOption: 'unknown option “{option}”',
  unknownOptionHint: 'unknown option “{option}” (did you mean {hint}?)',
  missingValue: 'missing value for option “{option}”',
  invalidValue: 'option “{option}”: {why}',
  tooManyArguments: 'too many arguments',
  missingArgument: 'missing required argument: {argument}',
  langExpected: 'fr or en expected, not “{value}”',

  noFiles: 'validate: no file to check. Usage: npm run validate -- FILE.xlsx [FILE.xlsx…] [--lang en] [--json]',
  maxSizePositive: '--max-size: a positive number of MB expected, not “{value}”',
  maxSize: '--max-size: a number of MB expected, not “{value}”',
  prefer: '--prefer: only “latest” is possible, not “{value}”',
  period: '--period: “{value}” is not a period of the framework ({periods})',
  output: '--output: an .xlsx file expected, not “{value}”',
  workers: '--workers: a whole number from 1 to 64 expected, not “{value}”',

  writeFileOnPath: '{blocker} is a file, not a folder: rename it or choose another folder for {option}',
  writeNoFolder: 'the folder {folder} does not exist and could not be created: check the path given to {option}',
  writeReadOnly: 'the folder {folder} is read-only or access is denied: choose for {option} a folder you can write to',
  writeDiskFull: 'the disk of {folder} is full: free some space or choose another disk for {option}',
  writeIsFolder: '{path} is a folder, not a file: rename it or choose another name for {option}',
  writeNameTooLong: 'the path {path} is too long for the file system: choose a shorter name for {option}',
  writeOther: 'file system error ({code}) in {folder}: check the path given to {option} and try again',

  workbook: 'workbook',
  workbookHeading: 'Workbook',
  noProblem: 'No problem found.',
  valid: 'valid',
  notValid: 'not valid',
  communeUnknown: 'commune not recognised',
  commune: 'commune {name}',
  periodGiven: 'period {period}',
  periodMissing: 'period not given',
  filled: '{filled}/{inputs} cells filled',
  summary: 'Summary: {verdict} – {counts} – {commune}, {period} – {filled}',
  errorOne: '{n} error',
  errorMany: '{n} errors',
  warningOne: '{n} warning',
  warningMany: '{n} warnings',
  infoOne: '{n} explained warning',
  infoMany: '{n} explained warnings',
  totals: '{files} files: {valid} {validWord}, {invalid} with errors, {unusable} {unusableWord}.',
  validOne: 'valid',
  validMany: 'valid',
  unusableOne: 'unusable',
  unusableMany: 'unusable',

  helpUsage: 'Usage:',
  helpOptions: 'Options:',
  helpArguments: 'Arguments:',
  helpCommands: 'Commands:',
  helpDefault: '(default: ',
  helpOption: 'show this help',
  validateDescription: 'Checks filled workbooks (.xlsx, .xlsm) and shows every problem, cell by cell.',
  validateFilesArgument: '[files...]',
  validateFiles: 'workbooks to check',
  maxSizeFlagValidate: '--max-size <mb>',
  maxSizeFlagMerge: '--max-size <MB>',
  optFramework: 'results framework file',
  optLang: 'language of the messages: fr or en',
  optJsonValidate: 'JSON report on standard output',
  optMaxSizeValidate: 'largest workbook accepted, in MB (default {mb})',
  mergeDescription: 'Consolidates the communes’ workbooks into one summary workbook.',
  optInput: 'folder of the communes’ workbooks (subfolders included)',
  optOutput: 'consolidated workbook to write (.xlsx)',
  optPeriod: 'consolidate this period only',
  optLangMerge: 'language of the messages and headings',
  optJsonMerge: 'summary for programs on standard output',
  optCsv: 'also write the “Données” table as CSV',
  optEvolutionCommunes: '“Évolution” sheet: repeat the detail tables for each commune',
  optStrict: 'write nothing if a file has an error',
  optPrefer: 'duplicates: keep the file with the latest date of entry',
  optWorkers: 'threads reading the files (default: cores − 1 from 3 cores and 16 files, else 1)',
  optMaxSizeMerge: 'largest input file accepted, in MB',
  templatesDescription: 'Writes one Excel template per commune from the results framework.',
  optTemplatesOut: 'output folder',
  optTemplatesPeriod:
    'reporting period of the templates (the period’s targets in “Prévu”); without it, generic templates',
  optLangTemplates: 'language of the messages (the templates stay in French: they are the contract)',
  templatesWrittenPeriod: '{count} templates written (framework {framework} {version}, period {period}).',
  templatesWrittenGeneric: '{count} templates written (framework {framework} {version}, generic).',
};

export const CLI_TEXTS: Record<Lang, typeof fr> = { fr, en };

/** One text of the command lines, in the user's language. */
export function cliText(id: CliTextId, params: Params, lang: Lang): string {
  return interpolate(CLI_TEXTS[lang][id], params, lang);
}

/** French keeps 0 and 1 singular (0 erreur, 1 erreur, 2 erreurs); English only 1 (0 errors, 1 error). */
const SINGULAR: Record<Lang, (n: number) => boolean> = { fr: (n) => n <= 1, en: (n) => n === 1 };

export function isSingular(n: number, lang: Lang): boolean {
  return SINGULAR[lang](n);
}
