import { canonicalName } from '../rules/canonical-name';

/**
 * The messages both ends HMAC for the directory cache. The kiosk computes them from what the tenant
 * typed and compares with the feed, so it can confirm step 1 offline without ever holding a name or
 * a date of birth. Fields are joined with a newline, which no field can contain.
 */
export const directoryAccountMessage = (accountNumber: string): string => `account\n${accountNumber}`;

export const directoryIdentityMessage = (identity: {
  accountNumber: string;
  lastName: string;
  firstName: string;
  dateOfBirth: string;
}): string =>
  [
    'identity',
    identity.accountNumber,
    canonicalName(identity.lastName),
    canonicalName(identity.firstName),
    identity.dateOfBirth,
  ].join('\n');

export const DIRECTORY_STATUSES = ['eligible', 'registered', 'removed'] as const;
export type DirectoryStatus = (typeof DIRECTORY_STATUSES)[number];
