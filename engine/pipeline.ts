/**
 * The pipeline declaration: an ordered list of stage modules.
 *
 * Stages are listed by path rather than imported, so that the engine can plan a
 * run, hash each stage's import closure and answer "nothing to do" without
 * loading any stage module (and the numeric libraries they pull in).
 */
export interface PipelineDef {
  /** Stage module paths relative to the project root, e.g. `stages/p1-e1.ts`. */
  readonly stages: readonly string[];
  /** Stage ids that `repro run` builds when no target is given (default: all). */
  readonly defaultTargets?: readonly string[];
}

export function definePipeline(def: PipelineDef): PipelineDef {
  return def;
}
