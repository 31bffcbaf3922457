/** A thin client of trawl's REST API for end-to-end tests: only what a user could do with curl. */
export interface TaskBody {
  id: string;
  url: string;
  collect: string[];
  respectRobots: boolean;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  progress: { imagesFound: number; imagesStored: number; imagesFailed: number };
  error: { code: string; message: string } | null;
  warnings: { code: string; message: string }[];
  title: string | null;
  finalUrl: string | null;
}

export interface ImageBody {
  id: string;
  sourceUrl: string;
  status: 'pending' | 'stored' | 'failed';
  sha256: string | null;
  contentType: string | null;
  width: number | null;
  height: number | null;
  bytes: number | null;
  error: { code: string; message: string } | null;
  reusedFrom?: { taskId: string; imageId: string; fetchedAt: string } | null;
  url: string | null;
}

const FINAL = new Set(['completed', 'failed', 'cancelled']);

export class TrawlClient {
  constructor(readonly baseUrl: string) {}

  async request(path: string, init?: RequestInit): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, init);
  }

  async createTask(body: unknown): Promise<{ response: Response; task: TaskBody }> {
    const response = await this.request('/api/v1/tasks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const task = (await response.json()) as TaskBody;
    if (response.status !== 202) throw new Error(`POST /api/v1/tasks: ${response.status} ${JSON.stringify(task)}`);
    return { response, task };
  }

  async getTask(id: string): Promise<TaskBody> {
    const response = await this.request(`/api/v1/tasks/${id}`);
    if (!response.ok) throw new Error(`GET task ${id}: ${response.status} ${await response.text()}`);
    return (await response.json()) as TaskBody;
  }

  /** Polls until the task reaches a final status (or the timeout). */
  async waitForFinal(id: string, timeoutMs = 120_000): Promise<TaskBody> {
    const deadline = Date.now() + timeoutMs;
    let last: TaskBody | undefined;
    while (Date.now() < deadline) {
      last = await this.getTask(id).catch(() => last);
      if (last && FINAL.has(last.status)) return last;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`task ${id} not final after ${timeoutMs} ms: ${JSON.stringify(last)}`);
  }

  async text(id: string): Promise<string> {
    const response = await this.request(`/api/v1/tasks/${id}/text`);
    if (!response.ok) throw new Error(`GET text ${id}: ${response.status} ${await response.text()}`);
    return response.text();
  }

  /** Every image of the task, following the pages. */
  async images(id: string): Promise<ImageBody[]> {
    const all: ImageBody[] = [];
    let cursor: string | null = null;
    do {
      const query = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await this.request(`/api/v1/tasks/${id}/images?${query}`);
      if (!response.ok) throw new Error(`GET images ${id}: ${response.status} ${await response.text()}`);
      const page = (await response.json()) as { items: ImageBody[]; next: string | null };
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return all;
  }

  async download(path: string, headers?: Record<string, string>): Promise<{ response: Response; bytes: Buffer }> {
    const response = await this.request(path, { headers });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async events(id: string): Promise<TaskEventItem[]> {
    const response = await this.request(`/api/v1/tasks/${id}/events`);
    if (!response.ok) throw new Error(`GET events ${id}: ${response.status}`);
    return ((await response.json()) as { items: TaskEventItem[] }).items;
  }
}

/** One item of `GET /api/v1/tasks/{id}/events`, as the tests read it. */
export interface TaskEventItem {
  id: string;
  type: string;
  revision: number;
  recordedAt: string;
}
