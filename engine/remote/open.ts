/**
 * Which remote cache: `$REPRO_REMOTE`, else `remote.url` in the site config
 * (engine/executors/site.ts). `s3://bucket/prefix` (endpoint: site `remote.endpoint`,
 * else $AWS_ENDPOINT_URL, else AWS; region: site, else $AWS_REGION, else us-east-1) or
 * `http(s)://host/path`. Credentials come from the environment only, and no remote
 * setting ever enters a key, a record, the lock file or the report.
 */
import type { SiteRemote } from '../executors/site.ts';
import { RemoteError, type RemoteBackend } from './backend.ts';
import { HttpBackend } from './http.ts';
import { S3Backend } from './s3.ts';

export function openRemote(site: SiteRemote | undefined): RemoteBackend {
  const url = process.env.REPRO_REMOTE || site?.url;
  if (!url) throw new RemoteError('no remote cache configured: set REPRO_REMOTE=s3://bucket/prefix or http(s)://host/path (or remote.url in the site config)');
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (s3) {
    const region = site?.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
    const endpoint = site?.endpoint || process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL || `https://s3.${region}.amazonaws.com`;
    const prefix = s3[2]!.replace(/\/?$/, s3[2] ? '/' : '');
    return new S3Backend({ bucket: s3[1]!, prefix, endpoint, region });
  }
  if (/^https?:\/\//.test(url)) return new HttpBackend(url);
  throw new RemoteError(`remote ${url}: expected s3://bucket/prefix or http(s)://host/path`);
}
