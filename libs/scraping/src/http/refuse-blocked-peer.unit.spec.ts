import net from 'node:net';
import { NetworkPolicy } from '../network-policy';
import { BlockedAddressError } from './fetch-errors';
import { refuseBlockedPeer } from './refuse-blocked-peer';

describe('refuseBlockedPeer: the connected address is checked before anything is written', () => {
  let server: net.Server;
  let port: number;
  let received: number;

  beforeEach(async () => {
    received = 0;
    server = net.createServer((socket) => socket.on('data', (data) => (received += data.length)).on('error', () => undefined));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /**
   * Connects and queues a request before the check is attached, the worst order http could use:
   * the queued write waits on 'connect' too, and the check must still run first.
   */
  async function connectWith(policy: NetworkPolicy): Promise<Error | undefined> {
    const socket = net.connect(port, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    refuseBlockedPeer(socket, policy, 'http://127.0.0.1/');
    const outcome = await new Promise<Error | undefined>((resolve) => {
      socket.once('error', resolve);
      socket.once('connect', () => setImmediate(() => resolve(undefined)));
    });
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    return outcome;
  }

  it('destroys a socket connected to a blocked address before the queued request leaves', async () => {
    const error = await connectWith(NetworkPolicy.strict());
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(error).toMatchObject({ address: '127.0.0.1', reason: expect.stringContaining('loopback') });
    expect(received).toBe(0);
  });

  it('leaves an allowed connection alone', async () => {
    const error = await connectWith(new NetworkPolicy({ allowPrivate: ['127.0.0.1/32'], egressOnly: ['127.0.0.0/8'] }));
    expect(error).toBeUndefined();
    expect(received).toBeGreaterThan(0);
  });
});
