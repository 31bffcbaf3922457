import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trawl/event-store';
import { SqliteReadModelStore } from '@trawl/read-models';
import { RequestTaskCommand } from '../request-task/request-task.command';
import { RequestTaskHandler } from '../request-task/request-task.handler';
import { GetTaskHandler } from './get-task.handler';
import { GetTaskQuery } from './get-task.query';
import { applyToReadModels } from '../../../../projector/src/task-projection';

describe('GetTaskHandler: a task the projector has not shown yet', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-get-task-'));
    events = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    readModels = new SqliteReadModelStore(':memory:');
  });

  afterEach(async () => {
    await readModels.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is answered from its TaskRequested, as the 202 showed it and the projector then shows it', async () => {
    const accepted = await new RequestTaskHandler(events).execute(
      new RequestTaskCommand({ url: 'http://127.0.0.1:9/page', collect: ['text', 'images'], correlationId: 'corr-1', respectRobots: false, expiresAt: '2030-01-01T00:00:00.000Z' }),
    );
    const handler = new GetTaskHandler(readModels, events);
    // No projector has run: the read model is empty.
    expect(await readModels.getTask(accepted.taskId)).toBeNull();
    const early = await handler.execute(new GetTaskQuery(accepted.taskId));
    expect(early).toMatchObject({ id: accepted.taskId, status: 'queued', revision: 0, respectRobots: false, expiresAt: '2030-01-01T00:00:00.000Z' });
    expect(accepted.view).toMatchObject({ id: accepted.taskId, status: 'queued', revision: 0, expiresAt: '2030-01-01T00:00:00.000Z' });

    await applyToReadModels(readModels, await events.readAll());
    const projected = await readModels.getTask(accepted.taskId);
    expect(await handler.execute(new GetTaskQuery(accepted.taskId))).toEqual(projected);
    // The early answer is the projector's first view, to the recording time.
    expect({ ...early, updatedAt: projected!.updatedAt }).toEqual(projected);
  });

  it('is still a 404 when no task stream has that id', async () => {
    const handler = new GetTaskHandler(readModels, events);
    await expect(handler.execute(new GetTaskQuery('5b1f8a3e-6a35-4a8e-9a55-5d1f0f2b6c11'))).rejects.toMatchObject({ status: 404 });
  });
});
