import type { OutgoingJob } from '@trawl/job-bus';
import { RelayOutbox } from './relay-outbox';

const job = (id: string): OutgoingJob => ({ id, key: 'host', payload: { id } });

describe('RelayOutbox', () => {
  it('publishes each topic once, its messages in the order they were owed', async () => {
    const sent: [string, (string | undefined)[]][] = [];
    const outbox = new RelayOutbox({ publish: async (topic, jobs) => void sent.push([topic, jobs.map((j) => j.id)]) });
    outbox.add('pages', [job('p1')]);
    outbox.add('datasets', [job('d1')]);
    outbox.add('images', []);
    outbox.add('pages', [job('p2'), job('p3')]);
    expect(outbox.size).toBe(4);
    await outbox.flush();
    expect(sent).toEqual([['pages', ['p1', 'p2', 'p3']], ['datasets', ['d1']]]);
    expect(outbox.size).toBe(0);
    await outbox.flush();
    expect(sent).toHaveLength(2);
  });

  it('forgets nothing a failed send owed: the next flush publishes it again', async () => {
    let failing = true;
    const sent: string[] = [];
    const outbox = new RelayOutbox({
      publish: async (topic) => {
        if (topic === 'datasets' && failing) throw new Error('broker away');
        sent.push(topic);
      },
    });
    outbox.add('pages', [job('p1')]);
    outbox.add('datasets', [job('d1')]);
    await expect(outbox.flush()).rejects.toThrow('broker away');
    expect(outbox.size).toBe(1);
    failing = false;
    await outbox.flush();
    expect(sent).toEqual(['pages', 'datasets']);
  });
});
