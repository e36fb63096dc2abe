/**
 * Plain HTTP storage (GET, PUT, HEAD), e.g. nginx with WebDAV PUT, the Bazel-style HTTP
 * cache. Listing reads a JSON directory index (nginx `autoindex_format json`). An optional
 * bearer token comes from REPRO_REMOTE_TOKEN (environment only).
 */
import { check, type RemoteBackend } from './backend.ts';

interface IndexEntry {
  name: string;
  type: 'file' | 'directory' | string;
}

export class HttpBackend implements RemoteBackend {
  readonly where: string;
  readonly #base: string;
  readonly #headers: Record<string, string>;

  constructor(url: string) {
    const u = new URL(url);
    if (u.username || u.password) throw new Error(`remote ${u.protocol}//${u.host}: put no credentials in the URL; set REPRO_REMOTE_TOKEN instead`);
    this.#base = url.replace(/\/$/, '');
    this.where = this.#base;
    const token = process.env.REPRO_REMOTE_TOKEN;
    this.#headers = token ? { Authorization: `Bearer ${token}` } : {};
  }

  #url(key: string): string {
    return `${this.#base}/${key.split('/').map(encodeURIComponent).join('/')}`;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const res = await fetch(this.#url(key), { headers: this.#headers });
    if (res.status === 404) return undefined;
    return new Uint8Array(await (await check(res, `GET ${key}`)).arrayBuffer());
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    await check(await fetch(this.#url(key), { method: 'PUT', body: new Uint8Array(body), headers: this.#headers }), `PUT ${key}`);
  }

  async has(key: string): Promise<boolean> {
    const res = await fetch(this.#url(key), { method: 'HEAD', headers: this.#headers });
    if (res.status === 404) return false;
    await check(res, `HEAD ${key}`);
    return true;
  }

  async list(prefix: string): Promise<string[]> {
    const res = await fetch(this.#url(prefix.replace(/\/$/, '')) + '/', { headers: { ...this.#headers, Accept: 'application/json' } });
    if (res.status === 404) return [];
    const entries = (await (await check(res, `LIST ${prefix}`)).json()) as IndexEntry[];
    const out: string[] = [];
    for (const e of entries) {
      if (e.type === 'directory') out.push(...(await this.list(`${prefix}${e.name}/`)));
      else out.push(`${prefix}${e.name}`);
    }
    return out;
  }
}
