import { eq } from 'drizzle-orm';
import type { Language } from '../../../shared/locale';
import type { KioskDb } from '../db/open';
import { kioskSettings } from '../db/schema';

const ROW = 1;

export interface SettingsValues {
  /** The language each visit starts and ends in: staff's choice, else the configuration's. */
  defaultLanguage: Language;
  /** Whether staff chose it, or it is the configuration's. */
  languageFromStaff: boolean;
  outOfService: boolean;
}

/**
 * The kiosk's settings staff may change, kept in the kiosk database so a restart keeps them.
 * Read through a small cache: getInfo and the attract screen ask often; only this class writes.
 */
export class KioskSettings {
  #cache: SettingsValues | null = null;

  constructor(
    private readonly db: KioskDb,
    private readonly configuredLanguage: Language,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(): Promise<SettingsValues> {
    if (this.#cache) return this.#cache;
    const row = await this.db.select().from(kioskSettings).where(eq(kioskSettings.id, ROW)).get();
    this.#cache = {
      defaultLanguage: row?.defaultLanguage ?? this.configuredLanguage,
      languageFromStaff: row?.defaultLanguage != null,
      outOfService: row?.outOfService ?? false,
    };
    return this.#cache;
  }

  setDefaultLanguage(language: Language): Promise<SettingsValues> {
    return this.#write({ defaultLanguage: language });
  }

  setOutOfService(outOfService: boolean): Promise<SettingsValues> {
    return this.#write({ outOfService });
  }

  async #write(change: { defaultLanguage?: Language; outOfService?: boolean }): Promise<SettingsValues> {
    const updatedAt = this.now().toISOString();
    await this.db
      .insert(kioskSettings)
      .values({ id: ROW, ...change, updatedAt })
      .onConflictDoUpdate({ target: kioskSettings.id, set: { ...change, updatedAt } });
    this.#cache = null;
    return this.get();
  }
}
