import { getContext, setContext } from 'svelte';
import type { A11ySettings } from './a11y-settings.svelte';

const KEY = Symbol('a11y');

export const provideA11y = (settings: A11ySettings): A11ySettings => setContext(KEY, settings);

/** For the reading-comfort controls: the visit's settings, nothing else of the kiosk's state. */
export function useA11y(): A11ySettings {
  const settings = getContext<A11ySettings | undefined>(KEY);
  if (!settings) throw new Error('useA11y() outside the app');
  return settings;
}
