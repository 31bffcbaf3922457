import type { JobBus } from './job-bus.port';
import { KafkaJobBus } from './kafka/kafka-job-bus';
import type { KafkaJobBusConfig } from './kafka/kafka-job-bus.config';
import { LocalJobBus } from './local/local-job-bus';
import type { LocalJobBusConfig } from './local/local-job-bus.config';

/** Which job bus to use; plain JSON (an operator's config, or a config handed to a child process). */
export type JobBusConfig = ({ kind: 'kafka' } & KafkaJobBusConfig) | ({ kind: 'local' } & LocalJobBusConfig);

export function createJobBus(config: JobBusConfig): JobBus {
  switch (config.kind) {
    case 'kafka': {
      const { kind: _kind, ...kafka } = config;
      return new KafkaJobBus(kafka);
    }
    case 'local': {
      const { kind: _kind, ...local } = config;
      return new LocalJobBus(local);
    }
  }
}
