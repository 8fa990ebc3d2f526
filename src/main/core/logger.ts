import { destination as toFd, pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

/** Keys whose values are personal data or secrets, wherever they appear in a log record. */
export const PERSONAL_KEYS = [
  'email',
  'emailConfirmation',
  'password',
  'passwordConfirmation',
  'newPassword',
  'lastName',
  'firstName',
  'name',
  'dateOfBirth',
  'birthDate',
  'accountNumber',
  'token',
  'sessionToken',
  'code',
  'captcha',
  'captchaAnswer',
  'secret',
  'authorization',
  'cookie',
  'databaseKey',
  'credential',
] as const;

const redactPaths = PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

/**
 * `code` is both an error code staff need (`network_error`, `invalid_code`) and a code a tenant
 * types (`482913`, an enrolment code): only words in snake_case, letters alone, pass.
 */
const ERROR_CODE = /^[a-z]+(?:_[a-z]+)*$/;
const censor = (value: unknown, path: string[]): unknown =>
  path.at(-1) === 'code' && typeof value === 'string' && value.length <= 48 && ERROR_CODE.test(value)
    ? value
    : '[redacted]';

/** Things that look like personal data inside free text: emails, account numbers, long tokens. */
const PATTERNS: [RegExp, string][] = [
  [/[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g, '[email]'],
  [/\b02[\s\d]{11,16}\b/g, '[account]'],
  [/\b\d{6,}\b/g, '[digits]'],
  [/\b[A-Za-z0-9_-]{32,}\b/g, '[token]'],
];
export const scrubText = (text: string): string => PATTERNS.reduce((t, [re, by]) => t.replace(re, by), text);

/**
 * Structured JSON logs that never hold personal data: known keys are censored, free text is
 * scrubbed, and errors are reduced to their name (a message can quote user input).
 */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: redactPaths, censor },
      serializers: { err: (e: unknown) => ({ type: e instanceof Error ? e.name : typeof e }) },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>;
          method.apply(this, cleaned);
        },
      },
    },
    destination ?? toFd(2),
  );
}
export type { Logger };
