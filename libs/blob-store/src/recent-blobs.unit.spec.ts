import { RecentBlobs } from './recent-blobs';

describe('RecentBlobs', () => {
  it('keeps blobs up to its per-blob size, drops the oldest past its budget, and forgets on request', () => {
    const recent = new RecentBlobs(100, 250);
    recent.remember('a', Buffer.alloc(100, 1));
    recent.remember('big', Buffer.alloc(101, 2));
    expect(recent.get('big')).toBeUndefined();
    recent.remember('b', Buffer.alloc(100, 3));
    recent.remember('c', Buffer.alloc(100, 4));
    expect(recent.get('a')).toBeUndefined();
    expect(recent.get('b')?.[0]).toBe(3);
    expect(recent.get('c')?.[0]).toBe(4);
    expect(recent.size).toBe(200);
    recent.forget('b');
    expect(recent.get('b')).toBeUndefined();
    expect(recent.size).toBe(100);
    recent.remember('c', Buffer.alloc(100, 4));
    expect(recent.size).toBe(100);
  });
});
