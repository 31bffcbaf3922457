export * from './env-schema';
export * from './trawl-config';
