export * from './job-bus.port';
export { createJobBus, type JobBusConfig } from './create-job-bus';
export { KafkaJobBus, type KafkaLogSink } from './kafka/kafka-job-bus';
export type { KafkaJobBusConfig } from './kafka/kafka-job-bus.config';
export { LocalJobBus } from './local/local-job-bus';
export type { LocalJobBusConfig } from './local/local-job-bus.config';
export { DEAD_LETTER_HEADERS, defaultDeadLetterTopic } from './shared/dead-letter';
export { DEFAULT_RETRY_POLICY } from './shared/retry-policy';
