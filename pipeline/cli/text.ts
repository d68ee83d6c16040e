import type { Lang } from '../../core/messages';
import { inputErrorText, INPUT_ERROR_TEXTS } from '../../core/messages/inputs';
import type { InputError } from '../read/input-error';

export { inputErrorText, INPUT_ERROR_TEXTS };

export function renderInputError(err: InputError, lang: Lang): string {
  return `${err.file} : ${inputErrorText(err.code, err.params, lang)}`;
}

