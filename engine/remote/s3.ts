/**
 * S3-compatible storage through `aws4fetch` (SigV4 over the global fetch; no AWS SDK).
 * `s3://bucket/prefix`, path-style URLs on `endpoint` (default AWS). Credentials come
 * from the environment only: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
 * Uploads carry Content-MD5, so the server rejects a body damaged in transit.
 */
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { check, RemoteError, type RemoteBackend } from './backend.ts';

export interface S3Options {
  bucket: string;
  prefix: string;
  endpoint: string;
  region: string;
}

const unxml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export class S3Backend implements RemoteBackend {
  readonly where: string;
  readonly #client: AwsClient;
  readonly #base: string;

  constructor(readonly o: S3Options) {
    const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) throw new RemoteError(`s3://${o.bucket}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment`);
    this.#client = new AwsClient({ accessKeyId, secretAccessKey, sessionToken: process.env.AWS_SESSION_TOKEN, region: o.region, service: 's3', retries: 3 });
    this.#base = `${o.endpoint.replace(/\/$/, '')}/${o.bucket}`;
    this.where = `s3://${o.bucket}/${o.prefix} at ${o.endpoint}`;
  }

  #url(key: string): string {
    return `${this.#base}/${(this.o.prefix + key).split('/').map(encodeURIComponent).join('/')}`;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const res = await this.#client.fetch(this.#url(key));
    if (res.status === 404) return undefined;
    return new Uint8Array(await (await check(res, `GET ${key}`)).arrayBuffer());
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    const md5 = createHash('md5').update(body).digest('base64');
    await check(await this.#client.fetch(this.#url(key), { method: 'PUT', body: new Uint8Array(body), headers: { 'Content-MD5': md5 } }), `PUT ${key}`);
  }

  async has(key: string): Promise<boolean> {
    const res = await this.#client.fetch(this.#url(key), { method: 'HEAD' });
    if (res.status === 404) return false;
    await check(res, `HEAD ${key}`);
    return true;
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const q = new URLSearchParams({ 'list-type': '2', prefix: this.o.prefix + prefix });
      if (token) q.set('continuation-token', token);
      const xml = await (await check(await this.#client.fetch(`${this.#base}?${q}`), `LIST ${prefix}`)).text();
      for (const m of xml.matchAll(/<Key>([^<]*)<\/Key>/g)) keys.push(unxml(m[1]!).slice(this.o.prefix.length));
      token = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? unxml(/<NextContinuationToken>([^<]*)</.exec(xml)?.[1] ?? '') || undefined : undefined;
    } while (token);
    return keys;
  }
}
