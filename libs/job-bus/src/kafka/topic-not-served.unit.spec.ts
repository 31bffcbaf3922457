import { isTopicNotServedYet, whileTopicNotServed } from './topic-not-served';

/** kafkajs's error shape: a `type` from the broker's error code, the last retry's error as `originalError`. */
function kafkaError(type: string): Error {
  return Object.assign(new Error(`broker said ${type}`), { type });
}

describe('isTopicNotServedYet', () => {
  it('recognises the broker answers of a topic whose leaders are being elected, however wrapped', () => {
    expect(isTopicNotServedYet(kafkaError('UNKNOWN_TOPIC_OR_PARTITION'))).toBe(true);
    expect(isTopicNotServedYet(Object.assign(new Error('retries exhausted'), { originalError: kafkaError('LEADER_NOT_AVAILABLE') }))).toBe(true);
    expect(isTopicNotServedYet(new Error('publishing to jobs failed', { cause: kafkaError('NOT_LEADER_FOR_PARTITION') }))).toBe(true);
  });

  it('does not take other failures for it', () => {
    expect(isTopicNotServedYet(kafkaError('TOPIC_AUTHORIZATION_FAILED'))).toBe(false);
    expect(isTopicNotServedYet(new Error('connection refused'))).toBe(false);
    expect(isTopicNotServedYet('UNKNOWN_TOPIC_OR_PARTITION')).toBe(false);
  });
});

describe('whileTopicNotServed', () => {
  it('tries again until the topic is served, and returns what the work gives then', async () => {
    let calls = 0;
    const result = await whileTopicNotServed(
      async () => {
        calls += 1;
        if (calls < 3) throw kafkaError('UNKNOWN_TOPIC_OR_PARTITION');
        return 'sent';
      },
      { stopped: () => false, pauseMs: 1 },
    );
    expect(result).toBe('sent');
    expect(calls).toBe(3);
  });

  it('passes any other failure at once', async () => {
    let calls = 0;
    const failing = whileTopicNotServed(
      async () => {
        calls += 1;
        throw new Error('message too large');
      },
      { stopped: () => false, pauseMs: 1 },
    );
    await expect(failing).rejects.toThrow('message too large');
    expect(calls).toBe(1);
  });

  it('gives up after its attempts, and at once when stopped', async () => {
    let calls = 0;
    const notServed = async () => {
      calls += 1;
      throw kafkaError('LEADER_NOT_AVAILABLE');
    };
    await expect(whileTopicNotServed(notServed, { stopped: () => false, attempts: 4, pauseMs: 1 })).rejects.toThrow(/LEADER_NOT_AVAILABLE/);
    expect(calls).toBe(4);

    calls = 0;
    await expect(whileTopicNotServed(notServed, { stopped: () => true, pauseMs: 1 })).rejects.toThrow(/LEADER_NOT_AVAILABLE/);
    expect(calls).toBe(1);
  });
});
