import type { CliCommand } from '../cli-command';

/** `task <taskId>`: the task's read model as the API's queries see it (status, progress, error, page). */
export const taskCommand: CliCommand = {
  summary: "print a task's read model as JSON: task <taskId>",
  async run({ readModels }, [taskId], print) {
    if (!taskId) {
      print('usage: trawl task <taskId>');
      return 2;
    }
    const view = await readModels.getTask(taskId);
    if (!view) {
      print(`task ${taskId} not found in the read models`);
      return 1;
    }
    print(JSON.stringify(view, null, 2));
    return 0;
  },
};
