import type { Params } from '../report';
import { interpolate, type Lang } from './index';

/**
 * What is wrong with a results framework file, by id: the schema's own checks, zod's generic ones and the
 * file itself (unreadable, not JSON). The schema and the loader keep ids and parameters (numbers as
 * numbers, dates ISO); the edge renders them here in the user's language with the one interpolator.
 */
const fr = {
  // The file itself.
  unreadable: 'lecture impossible ({code}) : vérifiez le chemin du fichier',
  notJson: 'ce n’est pas du JSON valide (ligne {line}, colonne {column}) : corrigez la syntaxe à cet endroit',
  notJsonAnywhere: 'ce n’est pas du JSON valide : vérifiez les virgules, guillemets et accolades',

  // Values the schema describes.
  code: 'code attendu, fait de lettres, de chiffres, « . », « _ » ou « - »',
  wholeNumber: 'nombre entier attendu',
  notNegative: 'nombre ≥ 0 attendu',
  isoDate: 'date attendue sous la forme AAAA-MM-JJ',
  version: 'version attendue sous la forme 1.0.0',
  currency: 'XOF (FCFA) attendu',
  format:
    '"format": {values} attendu : ce cadre de résultats est dans un format plus ancien ; ajoutez "format": {values} et les cibles par période ("periodTargets", "periodPlanned"), comme dans templates/framework.json',

  // Checks between the parts of the framework.
  duplicateCode: 'code {code} en double',
  duplicatePeriod: 'période {period} en double',
  endsBeforeStart: 'la période finit avant de commencer',
  missingCommuneTarget: 'il manque la cible de la commune {commune}',
  unknownCommune: 'commune {commune} inconnue',
  unknownResult: 'résultat attendu {result} inconnu',
  indicatorCode: 'code attendu de la forme {result}.<n>',
  communeTargetsSum: 'les cibles des communes font {sum}, pas la cible du projet {target}',
  unknownPeriod: 'période {period} inconnue',
  periodTargetsSum: 'les cibles des périodes de {period} font {inner}, pas sa propre cible {own}',
  budgetSum: 'les rubriques du budget font {planned}, pas le budget du projet {budget}',
  contributionsSum: 'les contributions font {contributed}, pas le budget du projet {budget}',
  notInside: '{period} n’est pas comprise dans {parent} (du {start} au {end})',
  withinItself: '{period} est comprise dans elle-même',

  // The IATI block.
  iatiOrgRef: 'identifiant d’organisation IATI attendu : préfixe d’agence puis identifiant (ex. DE-1, XM-DAC-41114)',
  iatiCodeDigits: 'code d’une liste de codes IATI attendu (voir iatistandard.org, codelists 2.03)',
  iatiCountry: 'code pays ISO à deux lettres majuscules attendu (ML pour le Mali)',
  iatiLanguage: 'code de langue ISO 639-1 à deux lettres minuscules attendu (fr)',
  iatiIdentifier:
    'l’identifiant de l’activité commence par l’identifiant de l’organisation déclarante suivi d’un tiret ({ref}-…)',
  unknownBeneficiary: 'catégorie de bénéficiaires {code} inconnue',

  // zod's generic checks.
  missing: 'valeur obligatoire manquante ({expected} attendu)',
  invalidType: '{expected} attendu',
  emptyText: 'texte vide : une valeur est attendue',
  tooFewItems: 'au moins {minimum} élément(s) attendu(s)',
  tooSmall: 'nombre ≥ {minimum} attendu',
  tooSmallExclusive: 'nombre > {minimum} attendu',
  tooLong: 'texte de {maximum} caractères au plus attendu',
  tooBig: 'nombre ≤ {maximum} attendu',
  invalidValue: 'valeur attendue : {values}',
  unrecognizedKeys: 'clé(s) inconnue(s) : {keys} – retirez-les ou corrigez leur orthographe',
  invalid: 'valeur invalide',

  // The names of the JSON types, inside the texts above.
  string: 'texte',
  number: 'nombre',
  object: 'objet',
  array: 'liste',
  boolean: 'vrai ou faux',

  // How a problem and a file are said.
  problemAt: '{path} : {text}',
  fileProblems: '{file} : {problems}',
  separator: ' ; ',
};

export type FrameworkProblemId = keyof typeof fr;

const en: typeof fr = {
  unreadable: 'cannot be read ({code}): check the file path',
  notJson: 'is not valid JSON (line {line}, column {column}): fix the syntax there',
  notJsonAnywhere: 'is not valid JSON: check the commas, quotes and braces',

  code: 'expected a code made of letters, digits, ".", "_" or "-"',
  wholeNumber: 'expected a whole number',
  notNegative: 'expected a number ≥ 0',
  isoDate: 'expected a date written YYYY-MM-DD',
  version: 'expected a version such as 1.0.0',
  currency: 'expected XOF (FCFA)',
  format:
    'expected "format": {values}: this framework file is in an older format; add "format": {values} and the targets per period ("periodTargets", "periodPlanned"), as in templates/framework.json',

  duplicateCode: 'duplicate code {code}',
  duplicatePeriod: 'duplicate period {period}',
  endsBeforeStart: 'the period ends before it starts',
  missingCommuneTarget: 'missing the target of commune {commune}',
  unknownCommune: 'unknown commune {commune}',
  unknownResult: 'unknown expected result {result}',
  indicatorCode: 'expected a code of the form {result}.<n>',
  communeTargetsSum: "the communes' targets add up to {sum}, not to the project target {target}",
  unknownPeriod: 'unknown period {period}',
  periodTargetsSum: 'the targets of the periods within {period} add up to {inner}, not to its own target {own}',
  budgetSum: 'the budget lines add up to {planned}, not to the project budget {budget}',
  contributionsSum: 'the contributions add up to {contributed}, not to the project budget {budget}',
  notInside: '{period} is not inside {parent} ({start} to {end})',
  withinItself: '{period} is within itself',

  iatiOrgRef: 'expected an IATI organisation identifier: agency prefix then identifier (e.g. DE-1, XM-DAC-41114)',
  iatiCodeDigits: 'expected a code of an IATI codelist (see iatistandard.org, codelists 2.03)',
  iatiCountry: 'expected a two-letter upper-case ISO country code (ML for Mali)',
  iatiLanguage: 'expected a two-letter lower-case ISO 639-1 language code (fr)',
  iatiIdentifier: "the activity identifier starts with the reporting organisation's identifier and a hyphen ({ref}-…)",
  unknownBeneficiary: 'unknown beneficiary category {code}',

  missing: 'missing required value (expected {expected})',
  invalidType: 'expected {expected}',
  emptyText: 'empty text: a value is expected',
  tooFewItems: 'expected at least {minimum} item(s)',
  tooSmall: 'expected a number ≥ {minimum}',
  tooSmallExclusive: 'expected a number > {minimum}',
  tooLong: 'expected a text of at most {maximum} characters',
  tooBig: 'expected a number ≤ {maximum}',
  invalidValue: 'expected one of: {values}',
  unrecognizedKeys: 'unknown key(s): {keys} – remove them or correct their spelling',
  invalid: 'invalid value',

  string: 'text',
  number: 'number',
  object: 'object',
  array: 'list',
  boolean: 'true or false',

  problemAt: '{path}: {text}',
  fileProblems: '{file}: {problems}',
  separator: '; ',
};

export const FRAMEWORK_TEXTS: Record<Lang, typeof fr> = { fr, en };

/** The JSON types zod names in `expected`, said in the user's language. */
const TYPE_NAMES: ReadonlySet<string> = new Set(['string', 'number', 'object', 'array', 'boolean']);

/** One problem of a framework file: where (a JSON path, `indicators[3].targets.BAR`), which, with what. */
export interface FrameworkProblem {
  path: string;
  id: FrameworkProblemId;
  params: Params;
}

export const isFrameworkProblemId = (id: string): id is FrameworkProblemId => Object.hasOwn(fr, id);

/** « indicators[3].targets.BAR : nombre entier attendu » / “indicators[3].targets.BAR: expected a whole number”. */
export function frameworkProblemText(problem: FrameworkProblem, lang: Lang): string {
  const texts = FRAMEWORK_TEXTS[lang];
  const expected = problem.params.expected;
  const params =
    typeof expected === 'string' && TYPE_NAMES.has(expected)
      ? { ...problem.params, expected: texts[expected as FrameworkProblemId] }
      : problem.params;
  const text = interpolate(texts[problem.id], params, lang);
  return problem.path ? interpolate(texts.problemAt, { path: problem.path, text }, lang) : text;
}

/** The whole file on one line: « cadre.json : a : … ; b : … ». */
export function frameworkErrorText(file: string, problems: readonly FrameworkProblem[], lang: Lang): string {
  const texts = FRAMEWORK_TEXTS[lang];
  const said = problems.map((p) => frameworkProblemText(p, lang)).join(texts.separator);
  return interpolate(texts.fileProblems, { file, problems: said }, lang);
}
