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
import { pageRecordOf, receivedFromRecord, type PageDownload } from './stored-page';

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

/** A page as the page job gets it: its HTML may still be on its way to the blob store and the registry. */
export interface ObtainedPage {
  received: ReceivedPage;
  /**
   * The kept HTML, once it is durable in the blob store and recorded in the registry (null when not kept);
   * rejects when either failed. The job parses the page meanwhile, and awaits this before it appends
   * anything that refers to it. Never left unhandled: a job that fails first does not crash the process.
   */
  html: Promise<BlobRef | null>;
  /** Set when this task made no download of its own (PageFetched.reusedFrom). */
  reusedFrom: { taskId: string; fetchedAt: string } | null;
}

/** This task's own download: the page as received, and its HTML on its way to being kept (ObtainedPage.html). */
interface OwnDownload {
  received: ReceivedPage;
  html: Promise<BlobRef | null>;
  origin: { taskId: string; fetchedAt: string };
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
  if (!request.reuse) {
    const { received, html } = await download(deps, request);
    return { received, html, reusedFrom: null };
  }
  // The flight lasts until the HTML is kept and recorded, so that a task asking meanwhile shares it
  // (nothing is in the registry yet); the task that makes the download goes on as soon as it has the page.
  let ownDownload: (own: OwnDownload) => void = () => {};
  const downloaded = new Promise<OwnDownload>((resolve) => (ownDownload = resolve));
  const flight = deps.flights.run(pageFlightKey(request.url, request.policy), request.signal, () => fetchOrReuse(deps, request, ownDownload));
  const own = await Promise.race([downloaded, flight.then(() => null)]);
  if (own) return { received: own.received, html: handled(flight.then(({ value }) => value.html)), reusedFrom: null };
  const { value, shared } = await flight;
  const reused = shared || value.recorded;
  return { received: value.received, html: Promise.resolve(value.html), reusedFrom: reused ? value.origin : null };
}

async function fetchOrReuse(deps: PageReuseDeps, request: ObtainPageRequest, ownDownload: (own: OwnDownload) => void): Promise<PageSource> {
  const last = deps.registry ? await deps.registry.last(request.url) : null;
  const decision = decidePageReuse(last, request.policy, request.now, deps.settings.reuseMaxAgeMs);
  // A copy whose HTML is gone (deleted by retention) is downloaded again.
  const usable = decision.kind !== 'download' && (await deps.blobs.stat(decision.from.html.sha256)) !== null;
  if (decision.kind === 'reuse' && usable) return fromRecord(deps, decision.from, request);
  if (decision.kind !== 'revalidate' || !usable) return handOver(await download(deps, request), ownDownload);
  const answer = await download(deps, request, decision.headers);
  if (answer !== 'not-modified') return handOver(answer, ownDownload);
  // Confirmed unchanged: the copy is young again, and still the other task's download.
  const confirmed: PageUrlFetched = { ...decision.from, fetchedAt: request.now.toISOString() };
  await deps.registry?.record(confirmed);
  return fromRecord(deps, confirmed, request);
}

/** Hands the download to its task at once, and settles the flight once its HTML is kept. */
async function handOver(own: OwnDownload, ownDownload: (own: OwnDownload) => void): Promise<PageSource> {
  ownDownload(own);
  return { received: own.received, html: await own.html, origin: own.origin, recorded: false };
}

async function fromRecord(deps: PageReuseDeps, record: PageUrlFetched, request: ObtainPageRequest): Promise<PageSource> {
  const body = await readBody(await deps.blobs.read(record.html.sha256));
  const received = receivedFromRecord(record, body, request.policy);
  return { received, html: record.html, origin: { taskId: record.taskId, fetchedAt: record.fetchedAt }, recorded: true };
}

/** This task's own GET; an HTML page is kept (TRAWL_KEEP_HTML) and recorded for later tasks, without waiting. */
async function download(deps: PageReuseDeps, request: ObtainPageRequest): Promise<OwnDownload>;
async function download(deps: PageReuseDeps, request: ObtainPageRequest, conditional: Record<string, string>): Promise<OwnDownload | 'not-modified'>;
async function download(deps: PageReuseDeps, request: ObtainPageRequest, conditional?: Record<string, string>): Promise<OwnDownload | 'not-modified'> {
  const { url, signal, policy, taskId, now } = request;
  const answer = await downloadPage(deps.http, deps.settings, { url, signal, ...policy, conditional });
  if (answer === 'not-modified') {
    if (!conditional) throw new Error(`304 Not Modified for ${url} without a conditional request`);
    return answer;
  }
  const { received, validators } = answer;
  const origin = { taskId, fetchedAt: now.toISOString() };
  if (received.isImage || !deps.settings.keepHtml) return { received, html: Promise.resolve(null), origin };
  return { received, html: handled(keep(deps, { url, taskId, received, validators, now }, policy)), origin };
}

/** The page as received into the blob store, then in the registry: a record only ever names durable bytes. */
async function keep(deps: PageReuseDeps, download: PageDownload, policy: ReusePolicy): Promise<BlobRef> {
  const { received } = download;
  const { sha256, bytes } = await deps.blobs.write(Readable.from([received.body]), { contentType: received.contentType ?? 'text/html' });
  const html = { sha256, bytes };
  await deps.registry?.record(pageRecordOf({ ...download, html }, policy));
  return html;
}

/**
 * The promise, marked as handled: its rejection reaches whoever awaits it, and only them. A job that
 * fails before it awaits the HTML (a page that does not parse) must not crash the process with an
 * unhandled rejection of the write it no longer waits for.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
