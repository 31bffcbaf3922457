import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@trawl/config';
import { decideRequest, deterministicEventId, steps, taskStreamName, type TaskEvent } from '@trawl/domain';
import { createInfrastructure, type Infrastructure } from '@trawl/platform';
import { TaskStreams } from '@trawl/tasks';
import { applyToReadModels } from '../../../projector/src/task-projection';
import { commands } from '../commands';

/** The operator commands against the embedded adapters (SQLite files in a temp dir), run in-process. */
describe('operator CLI: task, requeue, checkpoints [sqlite]', () => {
  let dir: string;
  let infrastructure: Infrastructure;
  let streams: TaskStreams;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-cli-'));
    infrastructure = await createInfrastructure(loadConfig({ TRAWL_DATA_DIR: dir }));
    streams = new TaskStreams(infrastructure.eventStore);
  });
  afterEach(async () => {
    await infrastructure.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(name: string, ...args: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const code = await commands[name].run(infrastructure, args, (line) => lines.push(line));
    return { code, out: lines.join('\n') };
  }

  /** Appends the events as their writers would, and projects everything appended so far. */
  async function given(taskId: string, events: { step: string; event: TaskEvent }[]): Promise<void> {
    await streams.append(taskId, events, { correlationId: `corr-${taskId}` });
    await applyToReadModels(infrastructure.readModels, await infrastructure.eventStore.readAll());
  }

  function failedTask(taskId: string) {
    const now = new Date();
    return [
      { step: steps.requested, event: decideRequest({ taskId, url: 'http://127.0.0.1:9/page', collect: ['text'], now }) },
      { step: steps.started, event: { type: 'TaskStarted', data: { taskId, startedAt: now.toISOString() } } as TaskEvent },
      { step: steps.failed, event: { type: 'TaskFailed', data: { taskId, error: { code: 'http-status', message: 'HTTP 404' }, failedAt: now.toISOString() } } as TaskEvent },
    ];
  }

  it('task: prints the read model as JSON, or says the task is unknown', async () => {
    const taskId = randomUUID();
    await given(taskId, failedTask(taskId));
    const found = await run('task', taskId);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.out)).toMatchObject({ id: taskId, status: 'failed', error: { code: 'http-status' }, url: 'http://127.0.0.1:9/page' });
    expect(await run('task', randomUUID())).toMatchObject({ code: 1, out: expect.stringContaining('not found') });
    expect(await run('task')).toMatchObject({ code: 2, out: 'usage: trawl task <taskId>' });
  });

  it('requeue: appends TaskRequeued for a failed task once, and refuses any other', async () => {
    const taskId = randomUUID();
    await given(taskId, failedTask(taskId));
    expect(await run('requeue', taskId)).toEqual({ code: 0, out: `task ${taskId} requeued: run 2 is queued` });

    const events = await infrastructure.eventStore.readStream(taskStreamName(taskId));
    expect(events.map((event) => event.type)).toEqual(['TaskRequested', 'TaskStarted', 'TaskFailed', 'TaskRequeued']);
    expect(events[3]).toMatchObject({
      id: deterministicEventId(taskId, steps.requeued),
      data: { taskId, run: 2, url: 'http://127.0.0.1:9/page', collect: ['text'] },
      metadata: { correlationId: `corr-${taskId}` },
    });
    expect(await run('requeue', taskId)).toEqual({ code: 1, out: `task ${taskId} is queued: only a failed task can be requeued` });
    expect(await infrastructure.eventStore.readStream(taskStreamName(taskId))).toHaveLength(4);

    const running = randomUUID();
    await given(running, failedTask(running).slice(0, 2));
    expect(await run('requeue', running)).toMatchObject({ code: 1, out: expect.stringContaining('is running') });
    expect(await run('requeue', randomUUID())).toMatchObject({ code: 1, out: expect.stringContaining('not found') });
    expect(await run('requeue')).toMatchObject({ code: 2 });
  });

  it('checkpoints: prints each subscription with its lag behind the head', async () => {
    const before = await run('checkpoints');
    expect(before.code).toBe(0);
    expect(before.out).toContain('head: none');
    expect(before.out).toMatch(/projector: checkpoint none .*, lag 0 events/);

    const taskId = randomUUID();
    await given(taskId, failedTask(taskId));
    const all = await infrastructure.eventStore.readAll();
    await infrastructure.readModels.saveCheckpoint('projector', all[1].position);
    const after = await run('checkpoints');
    expect(after.out.split('\n')).toEqual([
      `head: ${all[2].position}`,
      `projector: checkpoint ${all[1].position}, lag 1 events`,
      'relay: checkpoint none (starts from the first event), lag 3 events',
    ]);
  });
});
