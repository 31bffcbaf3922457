/** One Server-Sent Events message (WHATWG HTML, "Server-sent events"). */
export interface SseMessage {
  id: number;
  event: 'progress' | 'final';
  /** JSON text; never contains a line break (JSON.stringify does not write one). */
  data: string;
}

/** The wire form of a message: `id`, `event` and `data` fields, then the blank line that dispatches it. */
export function formatMessage(message: SseMessage): string {
  return `id: ${message.id}\nevent: ${message.event}\ndata: ${message.data}\n\n`;
}

/**
 * A comment line: clients ignore it, but it keeps idle proxies and load balancers from closing a
 * stream that has had nothing to say for a while.
 */
export function formatComment(text: string): string {
  return `: ${text}\n\n`;
}

/**
 * The revision a reconnecting client last received (the `Last-Event-ID` header, which browsers'
 * EventSource send by themselves), or null when absent or not a revision we could have sent: a
 * garbled id then counts as a fresh start, which only costs the client one repeated message.
 */
export function parseLastEventId(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}
