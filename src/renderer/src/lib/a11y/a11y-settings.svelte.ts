import { Speech } from './speech.svelte';

/** Root font-size factors: 100 %, 125 %, 150 %. */
export const TEXT_SCALES = [1, 1.25, 1.5] as const;
export type TextSize = 0 | 1 | 2;
export const TEXT_SIZES: readonly TextSize[] = [0, 1, 2];

/**
 * The visitor's reading comfort for this visit only: text size, contrast, speech. Held in memory,
 * never in web storage, and put back to the defaults when the visit ends.
 */
export class A11ySettings {
  textSize = $state<TextSize>(0);
  highContrast = $state(false);
  readonly speech: Speech;

  constructor(speech: Speech = new Speech()) {
    this.speech = speech;
  }

  setTextSize(size: TextSize): void {
    this.textSize = size;
  }

  toggleContrast(): void {
    this.highContrast = !this.highContrast;
  }

  reset(): void {
    this.textSize = 0;
    this.highContrast = false;
    this.speech.stop();
  }
}

/** Mirrors the settings on <html>: a CSS variable scales every rem, an attribute swaps the colour tokens. */
export function applyA11y(settings: A11ySettings, root: HTMLElement): void {
  root.style.setProperty('--text-scale', String(TEXT_SCALES[settings.textSize]));
  if (settings.highContrast) root.dataset.contrast = 'high';
  else delete root.dataset.contrast;
}
