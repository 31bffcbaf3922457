import { Command } from '@nestjs/cqrs';

export class CancelTaskCommand extends Command<void> {
  constructor(readonly taskId: string) {
    super();
  }
}
