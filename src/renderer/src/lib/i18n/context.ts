import { getContext, setContext } from 'svelte';
import type { I18n } from './i18n.svelte';

const KEY = Symbol('i18n');

export const provideI18n = (i18n: I18n): I18n => setContext(KEY, i18n);

/** For components: the words of the current language, nothing else of the kiosk's state. */
export function useI18n(): I18n {
  const i18n = getContext<I18n | undefined>(KEY);
  if (!i18n) throw new Error('useI18n() outside the app');
  return i18n;
}
