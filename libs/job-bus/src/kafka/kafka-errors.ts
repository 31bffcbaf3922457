import { UnavailableError } from '@trawl/errors';

/** kafkajs errors that mean "no broker answered", possibly wrapped in a retries-exceeded error. */
const UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSLockTimeout',
]);

function isUnreachable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  if (UNREACHABLE.has(error.name)) return true;
  return isUnreachable((error as { cause?: unknown }).cause, depth + 1);
}

/** Translates a kafkajs error into the project's hierarchy where there is a match. */
export function translateKafkaError(error: unknown, doing: string): unknown {
  if (isUnreachable(error)) {
    return new UnavailableError(`Kafka unavailable while ${doing}: ${(error as Error).message}`, { cause: error });
  }
  return error;
}

/** Runs `action`, rethrowing its error translated. */
export async function translatingKafkaErrors<T>(doing: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw translateKafkaError(error, doing);
  }
}
