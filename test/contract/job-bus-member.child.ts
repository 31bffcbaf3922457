// A job-bus member in its own process, for the contract's kill test: it takes a job, says so over
// IPC, and never finishes it, so that only a SIGKILL ends its hold on the job.
import { createJobBus, type JobBusConfig } from '@trawl/job-bus';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const config = JSON.parse(required('JOB_BUS_CONFIG')) as JobBusConfig;
  const bus = createJobBus(config);
  await bus.consume({
    topic: required('JOB_BUS_TOPIC'),
    group: required('JOB_BUS_GROUP'),
    handler: (job) => {
      process.send?.({ type: 'handling', id: job.id });
      return new Promise<void>(() => undefined);
    },
  });
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', message: String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
