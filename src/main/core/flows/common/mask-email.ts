/**
 * "jean.dupont@orange.fr" → "j•••@o•••.fr": enough for the tenant to recognise the address on
 * screen, not enough for someone behind them to read it.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const first = (s: string) => [...s][0] ?? '';
  return `${first(local)}•••@${first(host)}•••${tld}`;
}
