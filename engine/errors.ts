/**
 * Errors that are the user's to fix (a bad argument, a missing stage file, a syntax
 * error, invalid params): the CLI prints their message as one line, `repro: …`, with
 * no stack trace, and exits 2. Anything else is a bug and keeps its stack.
 * The sentences themselves live in logging/errors.ts.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
