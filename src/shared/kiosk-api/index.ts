export * from './calls';
export * from './define';
export * from './types';
export { createKioskClient } from './client';
export { createDispatcher, type Dispatch } from './binder';
export * from './registration';
export * from './staff';
export * from './staff-tools';
