import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver does with one request: answer a status (and headers), or never answer. */
export type ReceiverAnswer = { status: number; headers?: Record<string, string> } | 'hang';

/**
 * A loopback webhook receiver: records every request and answers each with the next scripted
 * answer (the last one repeats).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server!: Server;

  private constructor(private readonly answers: ReceiverAnswer[]) {}

  static async start(answers: ReceiverAnswer[] = [{ status: 204 }]): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(answers);
    receiver.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = receiver.answers[Math.min(receiver.received.length - 1, receiver.answers.length - 1)];
        if (answer === 'hang') return;
        response.writeHead(answer.status, answer.headers).end('ok');
      });
    });
    receiver.server.listen(0, '127.0.0.1');
    await once(receiver.server, 'listening');
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/trawl`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close').catch(() => undefined);
  }
}

/** A loopback URL on which nothing listens (a port just freed). */
export async function deadUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${port}/hooks/trawl`;
}
