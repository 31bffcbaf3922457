import { Controller, Get, Inject, Param } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@trawl/event-store';
import { taskStreamName } from '@trawl/domain';
import { problems } from '../../http/problem';
import { assertTaskId } from '../task-ids';
import { API_PREFIX } from '../task-presenter';

@Controller(`${API_PREFIX}/tasks`)
export class GetTaskEventsController {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  /** The audit trail: the task's events in order, read from the event store itself. */
  @Get(':id/events')
  async getEvents(@Param('id') id: string) {
    const events = await this.eventStore.readStream(taskStreamName(assertTaskId(id)));
    if (events.length === 0) throw problems.notFound(`no task with id ${id}`);
    return {
      items: events.map((event) => ({
        id: event.id,
        type: event.type,
        revision: Number(event.revision),
        recordedAt: event.recordedAt.toISOString(),
        data: event.data,
        metadata: event.metadata,
      })),
    };
  }
}
