import type { MessageKey } from '../i18n/catalogue';
import type { KeyboardKind } from './kinds';

/** The letter layers; digits and PIN pads have only `default`. */
export type Layer = 'default' | 'accents' | 'symbols';
export type ShiftMode = 'off' | 'once' | 'lock';

/** One-touch domains of the email layout: the ones French tenants use most. */
export const EMAIL_DOMAINS = [
  'gmail.com',
  'orange.fr',
  'free.fr',
  'sfr.fr',
  'laposte.net',
  'hotmail.fr',
  'wanadoo.fr',
  'outlook.fr',
  'yahoo.fr',
] as const;
const domainKey = (d: string) => `{@${d}}`;
export const domainOfKey = (button: string): string | null => /^\{@(.+)\}$/.exec(button)?.[1] ?? null;

const upper = (row: string) =>
  row
    .split(' ')
    .map((k) => (k.startsWith('{') ? k : k.toLocaleUpperCase('fr')))
    .join(' ');
const withShift = (rows: string[]): string[] => rows.map(upper);

const DIGIT_ROW = '1 2 3 4 5 6 7 8 9 0 {bksp}';
const LETTERS = ['a z e r t y u i o p', '{lock} q s d f g h j k l m'];

/** AZERTY, with the apostrophe and hyphen of French names one touch away. */
const TEXT_DEFAULT = [
  DIGIT_ROW,
  ...LETTERS,
  "{shift} w x c v b n ' - {shift}",
  '{accents} {symbols} {space} . {hide} {next}',
];
/** Every accented letter of French (and a few of the tenants' other languages) on one layer, no long-press. */
const TEXT_ACCENTS = [
  DIGIT_ROW,
  'é è ê ë à â ä ç ñ',
  '{lock} ù û ü ô ö î ï ÿ œ æ',
  "{shift} ' - . , {shift}",
  '{abc} {symbols} {space} {hide} {next}',
];
const TEXT_SYMBOLS = [
  DIGIT_ROW,
  '! @ # $ % & * ( ) ?',
  '- _ = + / \\ : ; , .',
  '\' " € £ < > [ ] ~ ^',
  '{abc} {accents} {space} {hide} {next}',
];

const EMAIL_DEFAULT = [
  EMAIL_DOMAINS.slice(0, 5).map(domainKey).join(' '),
  EMAIL_DOMAINS.slice(5).map(domainKey).join(' '),
  DIGIT_ROW,
  ...LETTERS,
  '{shift} w x c v b n - _ {shift}',
  '@ . .fr .com {hide} {next}',
];

/** A landscape screen is wide enough for every domain on one row, and short of height. */
const EMAIL_WIDE = [EMAIL_DOMAINS.map(domainKey).join(' '), ...EMAIL_DEFAULT.slice(2)];

const DIGITS = ['1 2 3 {bksp}', '4 5 6 {hide}', '7 8 9 {next}', '0 {//}'];
/** A PIN pad as on a card terminal: digits, erase, and OK, which submits the PIN's form. */
const PIN = ['1 2 3', '4 5 6', '7 8 9', '{bksp} 0 {submit}'];

type LayoutObject = Record<string, string[]>;

/**
 * simple-keyboard layouts, one object per kind; layer names are `<layer>[-wide][-shift]`.
 * Shift and caps lock share the upper-case layer: they differ in when it ends.
 */
export const LAYOUTS: Record<KeyboardKind, LayoutObject> = {
  text: {
    default: TEXT_DEFAULT,
    'default-shift': withShift(TEXT_DEFAULT),
    accents: TEXT_ACCENTS,
    'accents-shift': withShift(TEXT_ACCENTS),
    symbols: TEXT_SYMBOLS,
    'symbols-shift': TEXT_SYMBOLS,
  },
  email: {
    default: EMAIL_DEFAULT,
    'default-shift': withShift(EMAIL_DEFAULT),
    'default-wide': EMAIL_WIDE,
    'default-wide-shift': withShift(EMAIL_WIDE),
  },
  digits: { default: DIGITS },
  pin: { default: PIN },
};

export const layoutName = (kind: KeyboardKind, layer: Layer, shift: ShiftMode, wide = false): string => {
  const layers = LAYOUTS[kind];
  let base: string = layer in layers ? layer : 'default';
  if (wide && `${base}-wide` in layers) base = `${base}-wide`;
  const shifted = `${base}-shift`;
  return shift !== 'off' && shifted in layers ? shifted : base;
};

/** Every key of a layout once, for attributes that apply to all of them. */
export const keysOf = (kind: KeyboardKind): string[] => [
  ...new Set(Object.values(LAYOUTS[kind]).flatMap((rows) => rows.flatMap((r) => r.split(' ')))),
];

/** Function keys: a glyph to show (or, when null, their translated name) and their name for a screen reader. */
export const FUNCTION_KEYS = {
  '{bksp}': { glyph: '⌫', name: 'keyboard.key.backspace' },
  '{shift}': { glyph: '⇧', name: 'keyboard.key.shift' },
  '{lock}': { glyph: '⇪', name: 'keyboard.key.caps' },
  '{accents}': { glyph: 'é à ç', name: 'keyboard.key.accents' },
  '{symbols}': { glyph: '& # ?', name: 'keyboard.key.symbols' },
  '{abc}': { glyph: 'abc', name: 'keyboard.key.letters' },
  '{space}': { glyph: null, name: 'keyboard.key.space' },
  '{next}': { glyph: null, name: 'keyboard.key.next' },
  '{hide}': { glyph: '⌨ ▾', name: 'keyboard.key.hide' },
  '{clear}': { glyph: null, name: 'keyboard.key.clear' },
  '{submit}': { glyph: null, name: 'keyboard.key.done' },
} as const satisfies Record<string, { glyph: string | null; name: MessageKey }>;

export type FunctionKey = keyof typeof FUNCTION_KEYS;
/** simple-keyboard's own blank key: a spacer that does nothing. */
export const BLANK_KEY = '{//}';
