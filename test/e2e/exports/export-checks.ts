import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TrawlDeployment } from '../../support/trawl-deployment';

export interface ExportBody {
  id: string;
  status: 'queued' | 'building' | 'ready' | 'failed';
  format: string;
  source: { kind: string; id: string };
  progress: { samples: number; totalSamples: number | null };
  files: { name: string; bytes: number; sha256: string; url: string }[];
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

export async function postExport(trawl: TrawlDeployment, path: string, body: unknown): Promise<{ status: number; location: string | null; body: ExportBody & { code?: string; detail?: string } }> {
  const response = await trawl.client.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, location: response.headers.get('location'), body: (await response.json()) as ExportBody & { code?: string; detail?: string } };
}

export async function waitForExport(trawl: TrawlDeployment, id: string, timeoutMs = 120_000): Promise<ExportBody> {
  const deadline = Date.now() + timeoutMs;
  let last: ExportBody | null = null;
  while (Date.now() < deadline) {
    last = (await (await trawl.client.request(`/api/v1/exports/${id}`)).json()) as ExportBody;
    if (last.status === 'ready' || last.status === 'failed') return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`export ${id} not done after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

/** Downloads every file of the export into `dir`, checking the ETag and each file's sha256. */
export async function downloadExport(trawl: TrawlDeployment, view: ExportBody, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of view.files) {
    const response = await trawl.client.request(file.url);
    if (response.status !== 200) throw new Error(`GET ${file.url}: ${response.status}`);
    if (response.headers.get('etag') !== `"${file.sha256}"`) throw new Error(`ETag of ${file.name}: ${response.headers.get('etag')}`);
    if (!response.headers.get('content-disposition')?.startsWith('attachment')) throw new Error(`no attachment disposition on ${file.name}`);
    const hash = createHash('sha256');
    const body = Readable.fromWeb(response.body as never);
    body.on('data', (chunk: Buffer) => hash.update(chunk));
    await pipeline(body, createWriteStream(join(dir, file.name)));
    if (hash.digest('hex') !== file.sha256) throw new Error(`sha256 of ${file.name} differs from the export's`);
  }
}
