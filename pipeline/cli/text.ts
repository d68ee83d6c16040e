import type { Lang } from '../../core/messages';
import { cliText } from '../../core/messages/cli';
import { inputErrorText, INPUT_ERROR_TEXTS } from '../../core/messages/inputs';
import type { InputError } from '../read/input-error';

export { inputErrorText, INPUT_ERROR_TEXTS };

/** `bara.xlsx : fichier introuvable` / `bara.xlsx: file not found`. */
export function renderInputError(err: InputError, lang: Lang): string {
  return cliText('fileLine', { file: err.file, reason: inputErrorText(err.code, err.params, lang) }, lang);
}
