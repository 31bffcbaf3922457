/** A server the test harness started, and the one way to stop it. */
export interface RunningServer {
  /** What the tests connect to: `host:port` for Kafka, a URL for the others. */
  readonly endpoint: string;
  /** Stops the server and removes whatever it left on disk; safe to call more than once. */
  stop(): Promise<void>;
}
