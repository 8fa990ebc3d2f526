export * from './attempts';
export * from './common';
export * from './define';
export * from './errors';
export * from './outbox';
export * from './routes';
export * from './sealed';
