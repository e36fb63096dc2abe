/** Compile the engine (engine/cli.ts, engine/worker.ts) into dist/. */
export function buildEngine(): Promise<void>;
