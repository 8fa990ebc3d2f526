import type { AssistedJourney } from '../../../../shared/kiosk-api/staff';
import type { CallOutput, KioskClient } from '../../../../shared/kiosk-api/types';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../../../shared/locale';
import { A11ySettings } from '../a11y/a11y-settings.svelte';
import { inHelp, type HelpScreen } from '../help/help-topics';
import { errorWords } from '../i18n/errors';
import { I18n } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/catalogue';

/** Where the visitor is: the attract screen, home, one of the journeys, help, or staff mode. */
export type Screen = 'attract' | 'home' | 'register' | 'login' | 'forgot-password' | 'help' | 'staff' | HelpScreen;
export type Entry = Exclude<Screen, 'attract' | 'home' | 'staff' | HelpScreen>;
export const ENTRIES: readonly Entry[] = ['register', 'login', 'forgot-password', 'help'];

/**
 * What the visitor is told: the portal being unconfigured is, for them, simply "offline";
 * `degraded`: the portal answers but writes are waiting to be sent.
 */
export type PortalView = 'unknown' | 'online' | 'degraded' | 'offline';
export type AppInfo = CallOutput<'getInfo'>;
export type AssistedVisit = CallOutput<'staffStartAssisted'>;

const ASSISTED_SCREENS: Record<AssistedJourney, Entry> = {
  registration: 'register',
  login: 'login',
  password_reset: 'forgot-password',
};

export const STATUS_POLL_MS = 15_000;
export const STARTUP_POLL_MS = 1_000;

/**
 * The kiosk as the visitor sees it: screen, language, portal status and app info. Components
 * stay dumb; every decision and every call to the kiosk core goes through here.
 */
export class KioskState {
  screen = $state<Screen>('attract');
  info = $state.raw<AppInfo | null>(null);
  portal = $state<PortalView>('unknown');
  /** Staff put the kiosk out of service: the attract screen says so and starts no visit. */
  outOfService = $state(false);
  /** A message for the visitor about the last thing that failed, or null. */
  notice = $state<MessageKey | null>(null);
  busy = $state(false);
  readonly i18n: I18n;
  /** Text size, contrast, speech: for this visit only. */
  readonly a11y = new A11ySettings();
  /** Staff started this visit for a tenant (the core decided): marked on screen, longer idle wait. */
  assisted = $state.raw<AssistedVisit | null>(null);
  /** The idle wait of this visit: the assisted one's, else the kiosk's. */
  readonly idle = $derived(this.assisted?.idle ?? this.info?.idle ?? null);
  /** The journey screen a help page was opened from, to go back to it as the visitor left it. */
  helpOrigin = $state<Exclude<Screen, 'attract'> | null>(null);
  /** Set once the visitor picks a language, so a late `getInfo` does not override them. */
  #languageChosen = false;
  /** The core has answered with a status it has checked (or knows there is no portal). */
  #statusSettled = false;
  /** What else holds the visit in the renderer (forms, focus, clipboard) and must forget it at the end. */
  readonly #wipers: (() => void)[] = [];

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
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      await Promise.all([this.info ? null : this.refreshInfo(), this.refreshStatus(), this.refreshAvailability()]);
      // The page may come up before the kiosk core, and the core before its first look at the
      // portal: ask again soon rather than say « Vérification… » for a whole period.
      const settled = this.info !== null && this.#statusSettled;
      if (!stopped) timer = setTimeout(() => void tick(), settled ? pollMs : Math.min(STARTUP_POLL_MS, pollMs));
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  async refreshInfo(): Promise<void> {
    const result = await this.api.getInfo({});
    if (!result.ok) return;
    this.info = result.value;
    if (!this.#languageChosen && this.i18n.language !== this.defaultLanguage) {
      await this.i18n.setLanguage(this.defaultLanguage);
    }
  }

  async refreshAvailability(): Promise<void> {
    const result = await this.api.getAvailability({});
    if (result.ok) this.outOfService = result.value.outOfService;
  }

  /** « Personnel » on the attract screen: staff mode, without a visit, in the language on screen. */
  openStaff(): void {
    if (this.screen !== 'attract') return;
    this.notice = null;
    this.#languageChosen = true;
    this.screen = 'staff';
  }

  /** The core started an assisted visit from the staff panel: the tenant's journey opens. */
  beginAssisted(visit: AssistedVisit): void {
    if (this.screen !== 'staff') return;
    this.assisted = visit;
    this.helpOrigin = null;
    this.screen = ASSISTED_SCREENS[visit.journey];
  }

  async refreshStatus(): Promise<void> {
    const result = await this.api.getLinkStatus({});
    const link = result.ok ? result.value.link : 'offline';
    this.#statusSettled = result.ok && (result.value.checkedAt !== null || result.value.link === 'not_configured');
    // Before the core's first look at the portal nothing is known yet: « Vérification… », not « Hors ligne ».
    if (result.ok && !this.#statusSettled) this.portal = 'unknown';
    else this.portal = link === 'online' || link === 'degraded' ? link : 'offline';
  }

  /** The first touch: the visit starts in the language on screen. */
  async start(): Promise<void> {
    if (this.busy || this.screen !== 'attract') return;
    this.busy = true;
    this.notice = null;
    try {
      const result = await this.api.startVisit({});
      if (result.ok) this.screen = 'home';
      else {
        this.notice = errorWords('startVisit', result.error.code);
        if (result.error.code === 'out_of_service') this.outOfService = true;
      }
    } finally {
      this.busy = false;
    }
  }

  open(screen: Exclude<Screen, 'attract'>): void {
    if (this.screen === 'attract') return;
    this.notice = null;
    if (!inHelp(screen)) this.helpOrigin = null;
    else if (!inHelp(this.screen) && this.screen !== 'home') this.helpOrigin = this.screen;
    this.screen = screen;
  }

  /** Registers a wipe run at every end of visit (« Terminer », idle); returns the unregister function. */
  onWipe(wipe: () => void): () => void {
    this.#wipers.push(wipe);
    return () => {
      const at = this.#wipers.indexOf(wipe);
      if (at >= 0) this.#wipers.splice(at, 1);
    };
  }

  async setLanguage(language: Language): Promise<void> {
    this.#languageChosen = true;
    await this.i18n.setLanguage(language);
  }

  /**
   * « Terminer » and, later, the idle timeout: the screen is wiped first, whatever the core
   * answers, so the next person never sees this visit.
   */
  /**
   * Staff left their panel: the attract screen comes at once (no PIN screen while the info is
   * re-read), then speaks the default language staff may just have changed.
   */
  leaveStaff(): Promise<void> {
    return this.finish('finished', { rereadInfo: true });
  }

  async finish(reason: 'finished' | 'idle' = 'finished', options: { rereadInfo?: boolean } = {}): Promise<void> {
    // An assisted visit ends where it began, at the staff PIN (the staff session ended with it).
    this.screen = this.assisted ? 'staff' : 'attract';
    this.assisted = null;
    this.notice = null;
    this.busy = false;
    this.#languageChosen = false;
    this.helpOrigin = null;
    this.a11y.reset();
    for (const wipe of this.#wipers) wipe();
    // Re-reading the info (staff may have changed the default language) happens after the screen
    // has switched, and it leaves alone a language the next tenant tapped meanwhile.
    const language = async () => {
      if (options.rereadInfo) await this.refreshInfo();
      if (!this.#languageChosen) await this.i18n.setLanguage(this.defaultLanguage);
    };
    await Promise.all([language(), this.api.endVisit({ reason })]);
  }
}
