export * from './job-bus.port';
