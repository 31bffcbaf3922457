export * from './infrastructure';
export * from './infrastructure.module';
export * from './topics';
export * from './checkpoint-writer';
export * from './health.module';
export * from './resilient-subscription';
