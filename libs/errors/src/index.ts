export * from './trawl-error';
