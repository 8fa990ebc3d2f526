import { DEFAULT_LANGUAGE, directionOf, type Language } from '../../../../shared/locale';
import { frenchMessages, loadMessages, render, type MessageKey, type MessageParams, type Messages } from './catalogue';

/** The language on screen and its messages; components read `t` and never hold words themselves. */
export class I18n {
  language = $state<Language>(DEFAULT_LANGUAGE);
  readonly dir = $derived(directionOf(this.language));
  #messages = $state.raw<Messages>(frenchMessages);
  #wanted: Language = DEFAULT_LANGUAGE;

  /** Switches once the catalogue is there, so the screen never shows a half-translated state. */
  async setLanguage(language: Language): Promise<boolean> {
    this.#wanted = language;
    let messages: Messages;
    try {
      messages = await loadMessages(language);
    } catch {
      return false;
    }
    // A quicker, later choice wins over a slow earlier one.
    if (this.#wanted !== language) return false;
    this.#messages = messages;
    this.language = language;
    return true;
  }

  t = (key: MessageKey, params?: MessageParams): string => render(this.#messages, key, params);
}
