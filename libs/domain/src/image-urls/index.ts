export * from './image-url-events';
