/** Compile the engine (its entry points) into dist/; with `types`, also the public declarations into dist/types/. */
export function buildEngine(o?: { types?: boolean }): Promise<void>;
