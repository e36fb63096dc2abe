/**
 * The one error every dataset parser throws for a bad file: it names the file and says what was
 * expected and what was found, e.g.
 *
 *   data/train-images-idx3-ubyte: truncated: expected 47040016 bytes (header 16 + 60000×28×28), got 1000
 *
 * Thrown (not returned) because a stage cannot do anything useful with a broken dataset file: the
 * engine turns the throw into a failed stage, and nothing is written to the cache.
 */
export class DatasetFormatError extends Error {
  override readonly name = 'DatasetFormatError';
  constructor(
    /** The file, as the caller named it. */
    readonly path: string,
    /** What is wrong, with what was expected. */
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}
