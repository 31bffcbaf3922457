export * from './network-policy';
export * from './http';
export * from './charset';
export * from './extract';
export * from './images';
export * from './robots';
