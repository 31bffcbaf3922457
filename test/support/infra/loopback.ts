const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The hosts named in an endpoint: `host:port[,host:port]` (Kafka) or `scheme://[user@]host:port[,…]/…`
 * (MongoDB, EventStoreDB), which may list several hosts and so is not a WHATWG URL.
 */
export function endpointHosts(endpoint: string): string[] {
  const authority = endpoint
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^[^/?#]*@/, '')
    .split(/[/?#]/)[0];
  return authority.split(',').map((hostPort) => hostPort.trim().replace(/:\d+$/, '').toLowerCase());
}

/** Throws unless every host of the endpoint is loopback: tests send traffic to 127.0.0.1 / ::1 only. */
export function assertLoopback(name: string, endpoint: string): void {
  const others = endpointHosts(endpoint).filter((host) => !LOOPBACK_HOSTS.has(host));
  if (others.length > 0) {
    throw new Error(`${name}=${endpoint} names ${others.join(', ')}: tests may only reach 127.0.0.1, localhost or ::1`);
  }
}
