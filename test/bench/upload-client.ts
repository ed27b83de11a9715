/**
 * The bench's HTTP client, run as a child process so that its own buffers do not count in the
 * server's memory: streams a multipart body of `size` bytes (a PDF header, then filler).
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';

export interface UploadOrder {
  port: number;
  path: string;
  token: string;
  size: number;
}

export interface UploadResult {
  status: number;
  body: string;
  sha256: string;
}

const CHUNK_BYTES = 64 * 1024;

export function streamUpload({ port, path, token, size }: UploadOrder): Promise<UploadResult> {
  const boundary = `----assaybench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const first = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(CHUNK_BYTES)]).subarray(0, CHUNK_BYTES);
  const filler = randomBytes(CHUNK_BYTES);
  const hash = createHash('sha256');
  const headers = { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + size + tail.length };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), sha256: hash.digest('hex') }));
    });
    req.on('error', reject);
    let sent = 0;
    const write = () => {
      while (sent < size) {
        const chunk = (sent === 0 ? first : filler).subarray(0, Math.min(CHUNK_BYTES, size - sent));
        hash.update(chunk);
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      req.end(tail);
    };
    req.write(head);
    write();
  });
}

// Run as a child: one order in, one result out.
if (process.send) {
  process.once('message', (order: UploadOrder) => {
    streamUpload(order).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: Error) => process.send!({ status: 0, body: error.message, sha256: '' }, () => process.exit(1)),
    );
  });
}
