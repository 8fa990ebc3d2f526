import { clearAll, deleteBackward, insertText, nextField, setEmailDomain } from './editing';
import type { KeyboardFocus } from './keyboard-focus.svelte';
import { BLANK_KEY, domainOfKey, layoutName, type Layer, type ShiftMode } from './layouts';

/**
 * The keys' side of the keyboard: layer, shift and what each key does. It never holds what was
 * typed: each key edits the focused input directly, as a physical key would.
 */
export class KeyboardState {
  layer = $state<Layer>('default');
  shift = $state<ShiftMode>('off');
  /** Whether `{next}` leads to another field (else it closes the keyboard). */
  hasNext = $state(false);
  /** A landscape screen: some layouts spread out to save a row. */
  wide = $state(false);

  constructor(readonly focus: KeyboardFocus) {}

  get layoutName(): string {
    return this.focus.kind ? layoutName(this.focus.kind, this.layer, this.shift, this.wide) : 'default';
  }

  /** A new field: letters again, no shift. */
  follow(target: HTMLInputElement | null): void {
    this.layer = 'default';
    this.shift = 'off';
    this.hasNext = target ? nextField(target) !== null : false;
  }

  press(button: string): void {
    const input = this.focus.target;
    if (!input || button === BLANK_KEY) return;
    const domain = domainOfKey(button);
    if (domain) setEmailDomain(input, domain);
    else if (button.startsWith('{') && button.length > 2) this.#function(button, input);
    else {
      insertText(input, button);
      if (this.shift === 'once') this.shift = 'off';
    }
  }

  #function(button: string, input: HTMLInputElement): void {
    switch (button) {
      case '{bksp}':
        return deleteBackward(input);
      case '{space}':
        return insertText(input, ' ');
      case '{clear}':
        return clearAll(input);
      case '{shift}':
        this.shift = this.shift === 'off' ? 'once' : 'off';
        return;
      case '{lock}':
        this.shift = this.shift === 'lock' ? 'off' : 'lock';
        return;
      case '{accents}':
      case '{symbols}':
      case '{abc}':
        this.layer = button === '{abc}' ? 'default' : button === '{accents}' ? 'accents' : 'symbols';
        return;
      case '{next}': {
        const next = nextField(input);
        if (next) next.focus();
        else input.blur();
        return;
      }
      case '{hide}':
        input.blur();
        return;
      case '{submit}':
        // As Enter on a physical keyboard: the form decides (checks, then sends).
        if (input.form) input.form.requestSubmit();
        else input.blur();
        return;
    }
  }
}
