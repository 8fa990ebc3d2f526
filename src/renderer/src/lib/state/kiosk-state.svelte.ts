import type { CallOutput, KioskClient } from '../../../../shared/kiosk-api/types';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../../../shared/locale';
import { errorMessageKey } from '../i18n/errors';
import { I18n } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/fr';

/** Where the visitor is. The journeys replace the placeholders as they are built. */
export type Screen = 'attract' | 'home' | 'register' | 'login' | 'forgot-password' | 'help';
export type Entry = Exclude<Screen, 'attract' | 'home'>;
export const ENTRIES: readonly Entry[] = ['register', 'login', 'forgot-password', 'help'];

/** What the visitor is told: the portal being unconfigured is, for them, simply "offline". */
export type PortalView = 'unknown' | 'online' | 'offline';
export type AppInfo = CallOutput<'getInfo'>;

export const STATUS_POLL_MS = 15_000;

/**
 * The kiosk as the visitor sees it: screen, language, portal status and app info. Components
 * stay dumb; every decision and every call to the kiosk core goes through here.
 */
export class KioskState {
  screen = $state<Screen>('attract');
  info = $state.raw<AppInfo | null>(null);
  portal = $state<PortalView>('unknown');
  /** A message for the visitor about the last thing that failed, or null. */
  notice = $state<MessageKey | null>(null);
  busy = $state(false);
  readonly i18n: I18n;
  /** Set once the visitor picks a language, so a late `getInfo` does not override them. */
  #languageChosen = false;

  readonly languages = $derived<readonly Language[]>(this.info?.languages.length ? this.info.languages : LANGUAGES);
  readonly defaultLanguage = $derived<Language>(this.info?.defaultLanguage ?? DEFAULT_LANGUAGE);

  constructor(
    private readonly api: KioskClient,
    i18n: I18n = new I18n(),
  ) {
    this.i18n = i18n;
  }

  /** Loads app info once and polls the portal status; returns the stop function. */
  connect(pollMs = STATUS_POLL_MS): () => void {
    const tick = () => {
      if (!this.info) void this.refreshInfo();
      void this.refreshStatus();
    };
    tick();
    const timer = setInterval(tick, pollMs);
    return () => clearInterval(timer);
  }

  async refreshInfo(): Promise<void> {
    const result = await this.api.getInfo({});
    if (!result.ok) return;
    this.info = result.value;
    if (!this.#languageChosen && this.i18n.language !== this.defaultLanguage) {
      await this.i18n.setLanguage(this.defaultLanguage);
    }
  }

  async refreshStatus(): Promise<void> {
    const result = await this.api.getStatus({});
    this.portal = result.ok && result.value.portal === 'online' ? 'online' : 'offline';
  }

  /** The first touch: the visit starts in the language on screen. */
  async start(): Promise<void> {
    if (this.busy || this.screen !== 'attract') return;
    this.busy = true;
    this.notice = null;
    try {
      const result = await this.api.startVisit({});
      if (result.ok) this.screen = 'home';
      else this.notice = errorMessageKey(result.error.code);
    } finally {
      this.busy = false;
    }
  }

  open(screen: Entry | 'home'): void {
    if (this.screen === 'attract') return;
    this.notice = null;
    this.screen = screen;
  }

  async setLanguage(language: Language): Promise<void> {
    this.#languageChosen = true;
    await this.i18n.setLanguage(language);
  }

  /**
   * « Terminer » and, later, the idle timeout: the screen is wiped first, whatever the core
   * answers, so the next person never sees this visit.
   */
  async finish(reason: 'finished' | 'idle' = 'finished'): Promise<void> {
    this.screen = 'attract';
    this.notice = null;
    this.busy = false;
    this.#languageChosen = false;
    await Promise.all([this.i18n.setLanguage(this.defaultLanguage), this.api.endVisit({ reason })]);
  }
}
