/** One message of an event stream as a client receives it. */
export interface ReceivedMessage {
  id: string | null;
  event: string;
  data: string;
  /** When it arrived (Date.now()). */
  at: number;
}

/**
 * The messages of a `text/event-stream` response body, parsed as the WHATWG rules say (fields
 * `id`, `event`, `data`; lines starting with `:` are comments; a blank line dispatches), until the
 * server ends the stream. Comments are counted in `comments` for heartbeat checks.
 */
export async function* readEventStream(body: ReadableStream<Uint8Array>, comments: string[] = []): AsyncGenerator<ReceivedMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let message: { id: string | null; event: string; data: string[] } = { id: null, event: 'message', data: [] };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (message.data.length > 0) yield { id: message.id, event: message.event, data: message.data.join('\n'), at: Date.now() };
        message = { id: message.id, event: 'message', data: [] };
        continue;
      }
      if (line.startsWith(':')) {
        comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') message.id = value;
      else if (field === 'event') message.event = value;
      else if (field === 'data') message.data.push(value);
    }
  }
}

/** Opens an event stream with fetch (optionally resuming from `lastEventId`) and collects its messages. */
export async function collectEventStream(url: string, options: { lastEventId?: string; signal?: AbortSignal } = {}) {
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
    signal: options.signal,
  });
  const messages: ReceivedMessage[] = [];
  if (response.ok && response.body) for await (const message of readEventStream(response.body)) messages.push(message);
  return { response, messages };
}
