export * from './correlation-id';
export * from './root-logger';
export * from './request-logging';
export * from './logging.module';
