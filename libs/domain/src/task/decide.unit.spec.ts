import type { TaskEvent, TaskEventOf } from '../events/task-events';
import { decide, decideInOrder, DISCOVERY_CHUNK, type TaskCommand } from './decide';
import { foldTaskEvents } from './task-state';

const now = new Date('2026-01-02T03:04:05.000Z');
const at = now.toISOString();
const requested: TaskEvent = { type: 'TaskRequested', data: { taskId: 't1', url: 'http://127.0.0.1/', collect: ['text', 'images'], requestedAt: at, respectRobots: true } };
const started: TaskEvent = { type: 'TaskStarted', data: { taskId: 't1', startedAt: at } };
const cancelled: TaskEvent = { type: 'TaskCancelled', data: { taskId: 't1', cancelledAt: at } };
const page = { finalUrl: 'http://127.0.0.1/', httpStatus: 200, contentType: 'text/html', charset: 'utf-8', bytes: 10, title: 'T', text: null, imagesFound: 0, imagesTruncated: false, imagesReferenced: 0 };
const stored = (imageId: string): TaskEventOf<'ImageStored'> => ({
  type: 'ImageStored',
  data: { taskId: 't1', imageId, sourceUrl: `http://127.0.0.1/${imageId}.png`, sha256: 'a'.repeat(64), contentType: 'image/png', format: 'png', width: 1, height: 1, bytes: 1, storedAt: at },
});

/** given events, when command, then the types of the events decided. */
function given(events: TaskEvent[]) {
  return { when: (command: TaskCommand) => decide(command, foldTaskEvents(events)).map(({ step, event }) => `${event.type}@${step}`) };
}

/** given events, when commands in order, then the types of the events decided. */
function givenInOrder(events: TaskEvent[]) {
  return { when: (...commands: TaskCommand[]) => decideInOrder(commands, foldTaskEvents(events)).map(({ step, event }) => `${event.type}@${step}`) };
}

describe('decideInOrder (a page job\'s start and result in one append)', () => {
  const start: TaskCommand = { type: 'StartTask', now };
  const record: TaskCommand = { type: 'RecordPage', page, images: [], inlineOutcomes: [], now };

  it('starts a queued task and records its page, each decided on the state the one before leaves', () => {
    expect(givenInOrder([requested]).when(start, record)).toEqual(['TaskStarted@started', 'PageFetched@page-fetched', 'TaskCompleted@completed']);
    expect(givenInOrder([requested]).when(start, { type: 'FailTask', error: { code: 'http-404', message: 'Not Found' }, now })).toEqual(['TaskStarted@started', 'TaskFailed@failed']);
  });

  it('leaves out the start already recorded (the job announced it), and decides nothing on a finished task', () => {
    expect(givenInOrder([requested, started]).when(start, record)).toEqual(['PageFetched@page-fetched', 'TaskCompleted@completed']);
    expect(givenInOrder([requested, cancelled]).when(start, record)).toEqual([]);
    expect(givenInOrder([requested, started]).when(start, record, record)).toEqual(['PageFetched@page-fetched', 'TaskCompleted@completed']);
  });
});

describe('decide (given events, when a command, then events)', () => {
  it('starts a queued task once', () => {
    expect(given([requested]).when({ type: 'StartTask', now })).toEqual(['TaskStarted@started']);
    expect(given([requested, started]).when({ type: 'StartTask', now })).toEqual([]);
    expect(given([]).when({ type: 'StartTask', now })).toEqual([]);
  });

  it('records a page with no images as fetched and completed in one decision', () => {
    expect(given([requested, started]).when({ type: 'RecordPage', page, images: [], inlineOutcomes: [], now })).toEqual(['PageFetched@page-fetched', 'TaskCompleted@completed']);
  });

  it('announces images in chunks and completes only when every one has an outcome', () => {
    const images = Array.from({ length: DISCOVERY_CHUNK + 1 }, (_, ordinal) => ({ imageId: `i${ordinal}`, url: `http://127.0.0.1/${ordinal}.png`, ordinal }));
    const decided = given([requested, started]).when({ type: 'RecordPage', page: { ...page, imagesFound: images.length }, images, inlineOutcomes: [], now });
    expect(decided).toEqual(['PageFetched@page-fetched', 'ImagesDiscovered@images-discovered:0', 'ImagesDiscovered@images-discovered:1']);
    const one = [{ imageId: 'i0', url: 'data:image/png;sha256,x', ordinal: 0 }];
    expect(given([requested, started]).when({ type: 'RecordPage', page: { ...page, imagesFound: 1 }, images: one, inlineOutcomes: [stored('i0')], now }))
      .toEqual(['PageFetched@page-fetched', 'ImagesDiscovered@images-discovered:0', 'ImageStored@image:i0', 'TaskCompleted@completed']);
  });

  it('records nothing for a page already fetched, or a task cancelled meanwhile', () => {
    const fetched: TaskEvent = { type: 'PageFetched', data: { taskId: 't1', ...page, fetchedAt: at } };
    expect(given([requested, started, fetched]).when({ type: 'RecordPage', page, images: [], inlineOutcomes: [], now })).toEqual([]);
    expect(given([requested, started, cancelled]).when({ type: 'RecordPage', page, images: [], inlineOutcomes: [], now })).toEqual([]);
    expect(given([requested, started, cancelled]).when({ type: 'FailTask', error: { code: 'x', message: 'y' }, now })).toEqual([]);
    expect(given([requested, started]).when({ type: 'FailTask', error: { code: 'x', message: 'y' }, now })).toEqual(['TaskFailed@failed']);
  });

  it('records an image outcome once, and completes when the last one is in', () => {
    const fetched: TaskEvent = { type: 'PageFetched', data: { taskId: 't1', ...page, imagesFound: 1, fetchedAt: at } };
    const discovered: TaskEvent = { type: 'ImagesDiscovered', data: { taskId: 't1', images: [{ imageId: 'i0', url: 'http://127.0.0.1/0.png', ordinal: 0 }] } };
    const history = [requested, started, fetched, discovered];
    expect(given(history).when({ type: 'RecordImageOutcome', outcome: stored('i0') })).toEqual(['ImageStored@image:i0']);
    expect(given([...history, stored('i0')]).when({ type: 'RecordImageOutcome', outcome: stored('i0') })).toEqual([]);
    expect(given(history).when({ type: 'CompleteTask', now })).toEqual([]);
    expect(given([...history, stored('i0')]).when({ type: 'CompleteTask', now })).toEqual(['TaskCompleted@completed']);
    expect(given([...history, cancelled]).when({ type: 'RecordImageOutcome', outcome: stored('i0') })).toEqual([]);
  });
});
