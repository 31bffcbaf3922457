import type { AllStreamResolvedEvent, EventStoreDBClient, Position, ReadAllOptions } from '@eventstore/db-client';
import { readAllPage, readHeadPosition } from './esdb-all-stream';

/** A log of user (`Thing`) and system (`$...`) records at positions 10, 20, 30... */
function log(types: string[]): AllStreamResolvedEvent[] {
  return types.map((type, index) => ({
    event: {
      streamId: type.startsWith('$') ? '$stats' : 'thing-1',
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      type,
      revision: BigInt(index),
      isJson: true,
      data: { index },
      metadata: undefined,
      created: new Date(0),
      position: { commit: BigInt((index + 1) * 10), prepare: BigInt((index + 1) * 10) },
    },
  }));
}

/**
 * Reads `$all` the way the server does. Whether a read includes the record at `fromPosition` is not
 * something the adapter may rely on, so both behaviours are simulated.
 */
function fakeClient(records: AllStreamResolvedEvent[], includesStart: boolean): EventStoreDBClient {
  const at = (record: AllStreamResolvedEvent): bigint => record.event!.position.commit;
  const readAll = ({ fromPosition = 'start', maxCount = 1e9, direction = 'forwards' }: ReadAllOptions) => {
    const cursor = typeof fromPosition === 'object' ? (fromPosition as Position).commit : undefined;
    const forwards = direction === 'forwards';
    const ordered = forwards ? records : [...records].reverse();
    const selected = ordered.filter((record) => {
      if (cursor === undefined || fromPosition === 'start' || fromPosition === 'end') return true;
      if (at(record) === cursor) return includesStart;
      return forwards ? at(record) > cursor : at(record) < cursor;
    });
    return { toArray: async () => selected.slice(0, Number(maxCount)) };
  };
  return { readAll } as unknown as EventStoreDBClient;
}

describe.each([true, false])('reading $all (server includes the start position: %s)', (includesStart) => {
  const records = log(['$init', 'Thing', '$stats', '$stats', '$stats', 'Thing', 'Thing', '$>', 'Thing', 'Thing', '$end']);

  it('pages hold maxCount user events, in order, without system events or repeats', async () => {
    const client = fakeClient(records, includesStart);
    const pages: number[][] = [];
    let from: Position | undefined;
    for (;;) {
      const page = await readAllPage(client, from, 2);
      if (page.length === 0) break;
      pages.push(page.map((event) => (event.data as { index: number }).index));
      const [commit, prepare] = page.at(-1)!.position.split(':').map(BigInt);
      from = { commit, prepare };
    }
    expect(pages).toEqual([[1, 5], [6, 8], [9]]);
  });

  it('headPosition skips the system records at the end of the log', async () => {
    expect(await readHeadPosition(fakeClient(records, includesStart))).toEqual({ commit: 100n, prepare: 100n });
    const onlySystem = log(Array.from({ length: 150 }, () => '$statsCollected'));
    expect(await readHeadPosition(fakeClient(onlySystem, includesStart))).toBeUndefined();
    expect(await readHeadPosition(fakeClient([], includesStart))).toBeUndefined();
  });
});
