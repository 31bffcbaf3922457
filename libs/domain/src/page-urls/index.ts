export * from './page-url-events';
export * from './page-reuse-decision';
