import { StringDecoder } from 'node:string_decoder';

/** Longest line kept (a URL is at most 2,048 characters; NDJSON wraps it): longer ones are reported, not held. */
export const MAX_LINE_BYTES = 16 * 1024;

export interface BodyLine {
  /** 1-based line number. */
  number: number;
  /** The line without its end (CR LF or LF); null when it was longer than MAX_LINE_BYTES. */
  text: string | null;
}

/**
 * The lines of a streamed body, one at a time, never more than one line (bounded) in memory: a client
 * can send a million lines or one endless line and the API holds at most MAX_LINE_BYTES of it.
 */
export async function* bodyLines(body: AsyncIterable<Buffer | string>): AsyncGenerator<BodyLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let tooLong = false;
  let number = 0;
  for await (const chunk of body) {
    let text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    let newline: number;
    while ((newline = text.indexOf('\n')) !== -1) {
      number += 1;
      yield { number, text: tooLong || newline > MAX_LINE_BYTES ? null : text.slice(0, newline).replace(/\r$/, '') };
      tooLong = false;
      text = text.slice(newline + 1);
    }
    if (text.length > MAX_LINE_BYTES) {
      tooLong = true;
      text = '';
    }
    pending = text;
  }
  pending += decoder.end();
  if (pending.length > 0 || tooLong) yield { number: number + 1, text: tooLong ? null : pending.replace(/\r$/, '') };
}
