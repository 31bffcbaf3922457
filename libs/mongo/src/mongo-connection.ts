import mongoose, { type Connection } from 'mongoose';
import { TrawlError, UnavailableError } from '@trawl/errors';

export interface MongoConnectOptions {
  /** How long an operation waits for a reachable server before failing (default 10 s). */
  serverSelectionTimeoutMS?: number;
}

/** Opens a connection of its own; UnavailableError if the server does not answer in time. */
export async function openMongoConnection(url: string, options: MongoConnectOptions = {}): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    autoIndex: false,
  });
  try {
    return await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw new UnavailableError(`MongoDB at ${redact(url)} did not answer: ${(error as Error).message}`, { cause: error });
  }
}

const UNAVAILABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/** Unreachable server -> UnavailableError; anything else passes through unchanged. */
export function translateMongoError(error: unknown): unknown {
  if (error instanceof TrawlError) return error;
  if (error instanceof Error && UNAVAILABLE.has(error.name)) {
    return new UnavailableError(`MongoDB unavailable: ${error.message}`, { cause: error });
  }
  return error;
}

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
