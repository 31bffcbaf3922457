export * from './upload-events';
export * from './upload-stream';
