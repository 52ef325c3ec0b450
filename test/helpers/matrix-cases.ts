import { ANSWER_CASES } from './matrix-answer-cases.js';
import type { Cell } from './matrix-cell.js';
import { FAILURE_CASES } from './matrix-failure-cases.js';

export type { Cell } from './matrix-cell.js';

/** The cells of one (client, model, mode) row of the matrix, by name. */
export const MATRIX_CASES: ReadonlyArray<[string, (cell: Cell) => Promise<void>]> = [
  ...ANSWER_CASES,
  ...FAILURE_CASES,
];
