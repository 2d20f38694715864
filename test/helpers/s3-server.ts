import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small server speaking enough of S3's REST protocol for the blob store: path-style
 * PUT / GET / HEAD / DELETE object and HEAD bucket, S3's XML errors (NoSuchKey, NoSuchBucket,
 * AccessDenied). Requests must be SigV4-signed with the given access key (the signature itself is
 * not recomputed: the SDK signs, this checks who). `fail(n)` answers the next n requests 503.
 */
export async function startS3Server(opts: { bucket: string; accessKeyId: string }) {
  const objects = new Map<string, { bytes: Buffer; contentType: string }>();
  const requests: { method: string; path: string }[] = [];
  let failures = 0;
  const xmlError = (res: http.ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://s3.local');
      const [, bucket, ...rest] = url.pathname.split('/');
      const key = rest.map(decodeURIComponent).join('/');
      requests.push({ method: req.method ?? '', path: url.pathname });
      if (failures > 0) {
        failures--;
        return xmlError(res, 503, 'SlowDown', 'Please reduce your request rate.');
      }
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('AWS4-HMAC-SHA256 ') || !auth.includes(`Credential=${opts.accessKeyId}/`)) {
        return xmlError(res, 403, 'AccessDenied', 'Access Denied');
      }
      if (bucket !== opts.bucket) return xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (!key) {
        if (req.method === 'HEAD') return res.writeHead(200).end();
        return xmlError(res, 405, 'MethodNotAllowed', 'Not supported here');
      }
      switch (req.method) {
        case 'PUT': {
          objects.set(key, { bytes: Buffer.concat(chunks), contentType: req.headers['content-type'] ?? 'binary/octet-stream' });
          res.writeHead(200, { etag: '"x"' });
          return res.end();
        }
        case 'GET':
        case 'HEAD': {
          const o = objects.get(key);
          if (!o) {
            if (req.method === 'HEAD') return res.writeHead(404).end();
            return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
          }
          res.writeHead(200, { 'content-type': o.contentType, 'content-length': String(o.bytes.length) });
          return res.end(req.method === 'GET' ? o.bytes : undefined);
        }
        case 'DELETE':
          objects.delete(key);
          return res.writeHead(204).end();
        default:
          return xmlError(res, 405, 'MethodNotAllowed', 'Not supported here');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    fail(n: number) {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
