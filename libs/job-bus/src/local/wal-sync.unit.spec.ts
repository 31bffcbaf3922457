import { WalSync, type SyncableFile } from './wal-sync';

/** A file whose fsyncs are held open until the test lets each one end. */
function heldFile() {
  const pending: Array<{ end: (error?: Error) => void }> = [];
  let opened = 0;
  let closed = 0;
  const open = async (): Promise<SyncableFile> => {
    opened += 1;
    return {
      sync: () => new Promise<void>((resolve, reject) => pending.push({ end: (error) => (error ? reject(error) : resolve()) })),
      close: async () => void (closed += 1),
    };
  };
  return { open, pending, counts: () => ({ opened, closed }) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('WalSync', () => {
  it('runs one fsync for every caller that asked before it started', async () => {
    const file = heldFile();
    const sync = new WalSync('queue.sqlite-wal', file.open);
    const done: string[] = [];
    const calls = ['a', 'b', 'c'].map((name) => sync.sync().then(() => void done.push(name)));
    await settle();
    expect(file.pending).toHaveLength(1);
    file.pending[0].end();
    await Promise.all(calls);
    expect(done).toEqual(['a', 'b', 'c']);
    expect(file.counts().opened).toBe(1);
  });

  it('does not let a caller that asked during an fsync ride on it: a second fsync follows, shared by all who waited', async () => {
    const file = heldFile();
    const sync = new WalSync('queue.sqlite-wal', file.open);
    const first = sync.sync();
    await settle();
    expect(file.pending).toHaveLength(1);
    let laterDone = 0;
    const later = [sync.sync(), sync.sync()].map((call) => call.then(() => void (laterDone += 1)));
    file.pending[0].end();
    await first;
    await settle();
    expect(laterDone).toBe(0);
    expect(file.pending).toHaveLength(2);
    file.pending[1].end();
    await Promise.all(later);
    expect(laterDone).toBe(2);
  });

  it('rejects the callers of a failed fsync, reopens the file for the next one, and closes it on close()', async () => {
    const file = heldFile();
    const sync = new WalSync('queue.sqlite-wal', file.open);
    const failed = sync.sync();
    await settle();
    file.pending[0].end(new Error('EIO'));
    await expect(failed).rejects.toThrow('EIO');
    const next = sync.sync();
    await settle();
    file.pending[1].end();
    await next;
    expect(file.counts()).toEqual({ opened: 2, closed: 1 });
    await sync.close();
    expect(file.counts()).toEqual({ opened: 2, closed: 2 });
  });
});
