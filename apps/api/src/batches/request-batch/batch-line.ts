import { pageUrl } from '../../tasks/request-task/request-task.body';
import { MAX_LINE_BYTES } from './body-lines';

export type LineFormat = 'text' | 'ndjson' | 'json';

/** What one line (or one element of a JSON `urls` array) holds: a URL, a reason to refuse it, or nothing. */
export type LineVerdict = { kind: 'url'; url: string } | { kind: 'rejected'; url: string | null; reason: string } | { kind: 'skip' };

/**
 * Reads one entry of a batch: text lines are URLs (blank lines and `#` comments skipped), NDJSON lines
 * are `{"url": …}` objects (blank lines skipped), JSON elements are URL strings. Each URL is checked
 * exactly as a task's (`pageUrl`), so a batch accepts what `POST /tasks` accepts, normalised alike.
 */
export function readBatchLine(value: unknown, format: LineFormat): LineVerdict {
  if (value === null && format !== 'json') return { kind: 'rejected', url: null, reason: `the line is longer than ${MAX_LINE_BYTES} bytes` };
  let candidate: unknown = value;
  if (format === 'text') {
    const line = String(value).trim();
    if (line === '' || line.startsWith('#')) return { kind: 'skip' };
    candidate = line;
  } else if (format === 'ndjson') {
    const line = String(value).trim();
    if (line === '') return { kind: 'skip' };
    try {
      candidate = JSON.parse(line);
    } catch {
      return { kind: 'rejected', url: null, reason: 'not valid JSON' };
    }
    if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate) || !('url' in candidate)) {
      return { kind: 'rejected', url: null, reason: 'expected an object with url' };
    }
    candidate = (candidate as { url: unknown }).url;
  }
  if (typeof candidate !== 'string') return { kind: 'rejected', url: null, reason: `url: expected a string, received ${candidate === null ? 'null' : Array.isArray(candidate) ? 'array' : typeof candidate}` };
  const result = pageUrl.safeParse(candidate);
  if (result.success) return { kind: 'url', url: result.data };
  return { kind: 'rejected', url: candidate.slice(0, 2048), reason: `url: ${result.error.issues.map((issue) => issue.message).join('; ')}` };
}
