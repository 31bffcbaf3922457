import { Readable } from 'node:stream';
import type { BlobStore } from '@trawl/blob-store';
import { decidePageReuse, pageFlightKey, type PageUrlFetched, type ReusePolicy } from '@trawl/domain';
import type { FetchSettings } from '../fetch-settings';
import type { SingleFlight } from '../image-job/single-flight';
import type { ReceivedPage } from '../page-job/page-document';
import type { PoliteHttpClient } from '../politeness/polite-http-client';
import { readBody } from '../read-body';
import { downloadPage } from './download-page';
import type { PageUrlRegistry } from './page-url-registry';
import { pageRecordOf, receivedFromRecord } from './stored-page';

type BlobRef = { sha256: string; bytes: number };

/** A page as a task gets it: downloaded, shared with another task's download, or read from a recorded one. */
export interface PageSource {
  received: ReceivedPage;
  /** The kept HTML (TRAWL_KEEP_HTML), already in the blob store; null when not kept (or the page is an image). */
  html: BlobRef | null;
  /** Whose download the page is and when it was made (or last confirmed unchanged). */
  origin: { taskId: string; fetchedAt: string };
  /** True when the page was read from the registry instead of downloaded (reused or confirmed by a 304). */
  recorded: boolean;
}

export interface ObtainedPage extends PageSource {
  /** Set when this task made no download of its own (PageFetched.reusedFrom). */
  reusedFrom: { taskId: string; fetchedAt: string } | null;
}

export interface PageReuseDeps {
  http: PoliteHttpClient;
  blobs: BlobStore;
  settings: FetchSettings;
  registry: PageUrlRegistry | null;
  flights: SingleFlight<PageSource>;
}

export interface ObtainPageRequest {
  taskId: string;
  url: string;
  signal: AbortSignal;
  policy: ReusePolicy;
  /** TaskRequested.reuse: without it the page is always downloaded (and recorded for later tasks). */
  reuse: boolean;
  now: Date;
}

/**
 * Gets a task's page (ADR 0012). Every download of an HTML page is recorded in the page URL registry
 * with its kept HTML. A task that asks for reuse gets, instead of a download: a recorded copy within
 * TRAWL_REUSE_MAX_AGE (whose blob is still there), an older one a conditional GET confirms (304), or
 * the download another task with the same policy is making right now (single flight: page jobs are
 * keyed by host, so one process holds every job of a URL). Failures are never recorded.
 */
export async function obtainPage(deps: PageReuseDeps, request: ObtainPageRequest): Promise<ObtainedPage> {
  if (!request.reuse) return { ...(await download(deps, request)), reusedFrom: null };
  const key = pageFlightKey(request.url, request.policy);
  const { value, shared } = await deps.flights.run(key, request.signal, () => fetchOrReuse(deps, request));
  const reused = shared || value.recorded;
  return { ...value, reusedFrom: reused ? value.origin : null };
}

async function fetchOrReuse(deps: PageReuseDeps, request: ObtainPageRequest): Promise<PageSource> {
  const last = deps.registry ? await deps.registry.last(request.url) : null;
  const decision = decidePageReuse(last, request.policy, request.now, deps.settings.reuseMaxAgeMs);
  // A copy whose HTML is gone (deleted by retention) is downloaded again.
  const usable = decision.kind !== 'download' && (await deps.blobs.stat(decision.from.html.sha256)) !== null;
  if (decision.kind === 'reuse' && usable) return fromRecord(deps, decision.from, request);
  if (decision.kind !== 'revalidate' || !usable) return download(deps, request);
  const answer = await download(deps, request, decision.headers);
  if (answer !== 'not-modified') return answer;
  // Confirmed unchanged: the copy is young again, and still the other task's download.
  const confirmed: PageUrlFetched = { ...decision.from, fetchedAt: request.now.toISOString() };
  await deps.registry?.record(confirmed);
  return fromRecord(deps, confirmed, request);
}

async function fromRecord(deps: PageReuseDeps, record: PageUrlFetched, request: ObtainPageRequest): Promise<PageSource> {
  const body = await readBody(await deps.blobs.read(record.html.sha256));
  const received = receivedFromRecord(record, body, request.policy);
  return { received, html: record.html, origin: { taskId: record.taskId, fetchedAt: record.fetchedAt }, recorded: true };
}

/** This task's own GET; an HTML page is kept (TRAWL_KEEP_HTML) and recorded for later tasks. */
async function download(deps: PageReuseDeps, request: ObtainPageRequest): Promise<PageSource>;
async function download(deps: PageReuseDeps, request: ObtainPageRequest, conditional: Record<string, string>): Promise<PageSource | 'not-modified'>;
async function download(deps: PageReuseDeps, request: ObtainPageRequest, conditional?: Record<string, string>): Promise<PageSource | 'not-modified'> {
  const { url, signal, policy, taskId, now } = request;
  const answer = await downloadPage(deps.http, deps.settings, { url, signal, ...policy, conditional });
  if (answer === 'not-modified') {
    if (!conditional) throw new Error(`304 Not Modified for ${url} without a conditional request`);
    return answer;
  }
  const { received, validators } = answer;
  const origin = { taskId, fetchedAt: now.toISOString() };
  if (received.isImage || !deps.settings.keepHtml) return { received, html: null, origin, recorded: false };
  const { sha256, bytes } = await deps.blobs.write(Readable.from([received.body]), { contentType: received.contentType ?? 'text/html' });
  const html = { sha256, bytes };
  await deps.registry?.record(pageRecordOf({ url, taskId, received, html, validators, now }, policy));
  return { received, html, origin, recorded: false };
}
