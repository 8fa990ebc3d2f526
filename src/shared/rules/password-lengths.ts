// Apart from the rest of the policy, so the words on screen can say them without loading the
// policy's schema and common-password list into the first bundle.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
