export * from './webhook-option';
export * from './webhook-events';
export * from './delivery-progress';
