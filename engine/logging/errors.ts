/** The sentences of usage errors (see errors.ts): one line each, naming the thing and what was expected. */
import type { Message } from 'esbuild';

export const noSuchInstance = (id: string) => `no instance '${id}'; see \`repro status\``;

export const severalInstances = (stage: string, n: number, example: string | undefined) => `'${stage}' has ${n} instances; name one, e.g. ${example}`;

export const badSize = (option: string, text: string) => `${option} ${text}: expected a size such as 2GB, 500MB or 1048576`;

/** A module named in pipeline.ts (or imported by one) that is not on disk. */
export const missingModule = (path: string, from: string) => `${path}: no such file (${from})`;

/** The first error esbuild reports, as `file:line:col: text`. */
export function bundleError(entry: string, m: Message | undefined): string {
  if (!m) return `${entry}: could not be bundled`;
  const at = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : `${entry}: `;
  return `${at}${m.text}${m.location?.lineText ? ` — ${m.location.lineText.trim().slice(0, 80)}` : ''}`;
}
