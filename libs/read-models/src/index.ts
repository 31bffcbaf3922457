export * from './read-model.types';
export * from './read-model-store.port';
