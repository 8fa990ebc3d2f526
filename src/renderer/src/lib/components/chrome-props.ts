import type { Language } from '../../../../shared/locale';
import type { PortalView } from '../state/kiosk-state.svelte';

/** What the attract screen and the frame of every other screen show alike: languages, link, version. */
export interface ChromeProps {
  languages: readonly Language[];
  language: Language;
  portal: PortalView;
  version: string | null;
  onlanguage: (language: Language) => void;
}
