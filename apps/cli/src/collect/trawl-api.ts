import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { CollectArgs } from './collect-args';

export interface BatchProgress {
  id: string;
  status: string;
  counts: { tasks: { total: number; completed: number; failed: number; cancelled: number }; images: { found: number; stored: number; failed: number } };
}

export interface ExportView {
  id: string;
  status: 'queued' | 'building' | 'ready' | 'failed';
  progress: { samples: number; totalSamples: number | null };
  files: { name: string; bytes: number; sha256: string; url: string }[];
  error: { code: string; message: string } | null;
}

/** The few calls `trawl collect` makes, over HTTP (the same for a remote server and the embedded one). */
export class TrawlApi {
  constructor(readonly baseUrl: string) {}

  /** Streams the file as a text/plain upload: the file is never read whole. */
  async submitBatch(file: string, collect: CollectArgs['collect']): Promise<{ id: string; accepted: number; rejectedCount: number }> {
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream;
    const response = await fetch(`${this.baseUrl}/api/v1/batches?collect=${collect.join(',')}`, {
      method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body, duplex: 'half',
    } as RequestInit);
    return this.json(response, 'submitting the batch');
  }

  getBatch(id: string): Promise<BatchProgress> {
    return fetch(`${this.baseUrl}/api/v1/batches/${id}`).then((response) => this.json(response, 'reading the batch'));
  }

  requestExport(batchId: string, body: { format: string; imageSize?: number; shardSize?: number }): Promise<ExportView> {
    return fetch(`${this.baseUrl}/api/v1/batches/${batchId}/exports`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).then((response) => this.json(response, 'requesting the export'));
  }

  getExport(id: string): Promise<ExportView> {
    return fetch(`${this.baseUrl}/api/v1/exports/${id}`).then((response) => this.json(response, 'reading the export'));
  }

  async download(url: string): Promise<ReadableStream<Uint8Array>> {
    const response = await fetch(`${this.baseUrl}${url}`);
    if (!response.ok || !response.body) throw new Error(`downloading ${url}: HTTP ${response.status}`);
    return response.body;
  }

  private async json<T>(response: Response, what: string): Promise<T> {
    const body = (await response.json().catch(() => null)) as (T & { detail?: string }) | null;
    if (!response.ok) throw new Error(`${what}: HTTP ${response.status}${body?.detail ? ` (${body.detail})` : ''}`);
    return body as T;
  }
}
