import { Controller, Delete, HttpCode, Inject, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { READ_MODEL_STORE, type ReadModelStore } from '@trawl/read-models';
import { API_PREFIX, presentTask } from '../task-presenter';
import { assertTaskId } from '../task-ids';
import { CancelTaskCommand } from './cancel-task.command';

@Controller(`${API_PREFIX}/tasks`)
export class CancelTaskController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  /** 202: the cancel is recorded; workers stop taking the task's jobs. 409 when already finished. */
  @Delete(':id')
  @HttpCode(202)
  async cancel(@Param('id') id: string) {
    await this.commands.execute(new CancelTaskCommand(assertTaskId(id)));
    const view = await this.readModels.getTask(id);
    // The projector may not have seen the cancel yet; the command succeeded, so say so.
    return view ? { ...presentTask(view), status: 'cancelled' } : { id, status: 'cancelled' };
  }
}
