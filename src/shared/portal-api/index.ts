export * from './common';
export * from './define';
export * from './directory';
export * from './errors';
export * from './routes';
export * from './sealed';
