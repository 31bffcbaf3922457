import { afterSending, decide, type FollowState } from './coalesce';

const fresh: FollowState = { lastId: null, lastData: null, lastSentAt: null };
const view = (revision: number, data: string, final = false) => ({ revision, data, final });

describe('which poll of a followed view sends a message', () => {
  it('sends the first view at once as progress, and nothing while there is no view', () => {
    expect(decide(fresh, view(3, 'a'), 0, 250)).toEqual({ send: { id: 3, event: 'progress', data: 'a' }, close: false });
    expect(decide(fresh, null, 0, 250)).toEqual({ send: null, close: false });
  });

  it('sends a newer revision with a new payload, not an unchanged one, nor one within the interval', () => {
    const state = afterSending({ id: 3, data: 'a' }, 1000);
    expect(decide(state, view(3, 'a'), 1500, 250).send).toBeNull();
    expect(decide(state, view(4, 'a'), 1500, 250).send).toBeNull(); // an event the client cannot see
    expect(decide(state, view(5, 'b'), 1100, 250).send).toBeNull(); // too soon: coalesced into the next
    expect(decide(state, view(6, 'c'), 1250, 250).send).toEqual({ id: 6, event: 'progress', data: 'c' });
  });

  it('on resume, sends the current state only when it is newer than Last-Event-ID', () => {
    const resumed: FollowState = { lastId: 7, lastData: null, lastSentAt: null };
    expect(decide(resumed, view(7, 'x'), 0, 250).send).toBeNull();
    expect(decide(resumed, view(5, 'x'), 0, 250).send).toBeNull();
    expect(decide(resumed, view(9, 'x'), 0, 250).send).toEqual({ id: 9, event: 'progress', data: 'x' });
  });

  it('sends a final view as final and closes, also to a client that already has its revision', () => {
    expect(decide(fresh, view(12, 'done', true), 0, 250)).toEqual({ send: { id: 12, event: 'final', data: 'done' }, close: true });
    const hasFinal: FollowState = { lastId: 12, lastData: null, lastSentAt: null };
    expect(decide(hasFinal, view(12, 'done', true), 0, 250)).toEqual({ send: { id: 12, event: 'final', data: 'done' }, close: true });
  });

  it('holds even the final message until the interval has passed', () => {
    const state = afterSending({ id: 11, data: 'almost' }, 1000);
    expect(decide(state, view(12, 'done', true), 1100, 250).send).toBeNull();
    expect(decide(state, view(12, 'done', true), 1250, 250).close).toBe(true);
  });
});
