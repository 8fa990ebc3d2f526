import type { Language } from '../../../../shared/locale';

/** The parts of the Web Speech API we use, so a test or a platform without it can stand in. */
export interface SpeechPlatform {
  synth: SpeechSynthesis;
  Utterance: typeof SpeechSynthesisUtterance;
}

function detect(): SpeechPlatform | null {
  const scope = globalThis as {
    speechSynthesis?: SpeechSynthesis;
    SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance;
  };
  return scope.speechSynthesis && scope.SpeechSynthesisUtterance
    ? { synth: scope.speechSynthesis, Utterance: scope.SpeechSynthesisUtterance }
    : null;
}

/** A voice that speaks the language: the exact tag first ("fr-FR"), then any region of it ("fr-CA"). */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], language: Language): SpeechSynthesisVoice | null {
  const prefix = language.toLowerCase();
  const ofLanguage = voices.filter((v) => {
    const tag = v.lang.toLowerCase().replace('_', '-');
    return tag === prefix || tag.startsWith(prefix + '-');
  });
  return ofLanguage.find((v) => v.localService) ?? ofLanguage[0] ?? null;
}

/**
 * Reads instructions aloud where the platform can. Voices arrive late on some platforms
 * (`voiceschanged`), so whether a language can be spoken is reactive.
 */
export class Speech {
  voices = $state.raw<readonly SpeechSynthesisVoice[]>([]);
  readonly #platform: SpeechPlatform | null;

  constructor(platform: SpeechPlatform | null = detect()) {
    this.#platform = platform;
    if (!platform) return;
    const load = () => (this.voices = platform.synth.getVoices());
    load();
    platform.synth.addEventListener?.('voiceschanged', load);
  }

  /** Only offered with a voice of the language: a French voice reading Arabic helps nobody. */
  canSpeak(language: Language): boolean {
    return pickVoice(this.voices, language) !== null;
  }

  speak(text: string, language: Language): void {
    const platform = this.#platform;
    const voice = pickVoice(this.voices, language);
    if (!platform || !voice || !text.trim()) return;
    platform.synth.cancel();
    const utterance = new platform.Utterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.95;
    platform.synth.speak(utterance);
  }

  stop(): void {
    this.#platform?.synth.cancel();
  }
}

/**
 * The screen's main instruction: its heading, then whatever the screen marked with `data-speak`
 * (or, unmarked, its first paragraph). Read from the page so that every screen gets it for free.
 */
export function instructionOf(main: ParentNode | null): string {
  if (!main) return '';
  const marked = [...main.querySelectorAll('[data-speak]')];
  const parts: (Element | null)[] = [main.querySelector('h1'), ...(marked.length ? marked : [main.querySelector('p')])];
  return parts
    .filter((el, i): el is Element => el !== null && parts.indexOf(el) === i)
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((text) => (/[.!?؟…:]$/.test(text) ? text : text + '.'))
    .join(' ');
}
