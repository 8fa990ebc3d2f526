/**
 * The demo's staff PIN (README): with the embedded demo portal and no KIOSK_STAFF_PIN_HASH, staff
 * mode opens with it, so the product can be tried end to end. A kiosk given a real portal never
 * falls back to it: without a configured hash its staff mode is off.
 * The hash was made once with `npm run staff-pin` (tests/unit/staff checks that it matches).
 */
export const DEMO_STAFF_PIN = '246810';
export const DEMO_STAFF_PIN_HASH = 'scrypt:17:8:1:D1MrBqrT8rxQpqxdos_hUg:CkY0CZ1ygPJTTcHeNitS5cV69qLfn1aGJ_9nSekJwaw';
