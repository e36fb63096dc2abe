/**
 * A remote cache's storage: a flat key space of immutable blobs (GET, PUT, exists,
 * list by prefix). Two implementations: S3-compatible object stores (s3.ts) and
 * plain HTTP servers with PUT, such as nginx WebDAV (http.ts). Neither is trusted
 * to check a body against its name: readers re-hash (engine/remote/cache.ts).
 */
export interface RemoteBackend {
  /** Where it points, for messages (never with credentials). */
  readonly where: string;
  /** The blob, or undefined when absent. */
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array): Promise<void>;
  has(key: string): Promise<boolean>;
  /** Every key under a prefix (ending in '/'), as full keys. */
  list(prefix: string): Promise<string[]>;
}

export class RemoteError extends Error {}

/** Throw a one-line error for a non-2xx answer. */
export async function check(res: Response, what: string): Promise<Response> {
  if (res.ok) return res;
  const body = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
  throw new RemoteError(`${what}: HTTP ${res.status} ${res.statusText}${body ? ` (${body})` : ''}`);
}
