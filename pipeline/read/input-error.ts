import type { Params } from '../../core/report';

import type { InputErrorCode } from '../../core/messages/inputs';

/** Why a file could not be used at all: a code of the core's catalogue (core/messages/inputs.ts), rendered at the edge. */
export type { InputErrorCode };

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly code: InputErrorCode,
    readonly params: Params = {},
  ) {
    super(`${file}: ${code}`);
    this.name = 'InputError';
  }
}
