export * from './account-number';
export * from './canonical-name';
export * from './common-passwords';
export * from './date-of-birth';
export * from './email';
export * from './password-policy';
