export * from './export-events';
export * from './export-stream';
export * from './export-state';
export * from './export-streams';
