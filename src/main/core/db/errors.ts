/**
 * Apart from open.ts so that naming this error (a start-up message) does not load the database
 * driver: the web shell listens before it loads the kiosk core.
 */
export class DatabaseKeyError extends Error {
  constructor() {
    super('the kiosk database cannot be opened with this key');
    this.name = 'DatabaseKeyError';
  }
}
