import { isKeyboardKind, type KeyboardKind } from './kinds';

/** How long a blur with no click after it keeps the keyboard: past a slow tap, short of a wait. */
export const FOCUS_SETTLE_MS = 600;

const keyboardKindOf = (el: EventTarget | null): KeyboardKind | null =>
  el instanceof HTMLInputElement && !el.disabled && !el.readOnly && isKeyboardKind(el.dataset.keyboard)
    ? el.dataset.keyboard
    : null;

/**
 * The on-screen keyboard follows focus: a field opts in with `data-keyboard="<kind>"`, and the
 * keyboard shows that kind while the field is focused. Kept apart from the keys themselves so
 * the first screens load without them.
 */
export class KeyboardFocus {
  kind = $state<KeyboardKind | null>(null);
  /** The field being typed into; raw, it is a DOM node. */
  target = $state.raw<HTMLInputElement | null>(null);

  /** Listens to focus on `doc`; returns the stop function. */
  watch(doc: Document): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      clearTimeout(timer);
      doc.removeEventListener('click', afterClick, true);
      this.#follow(doc.activeElement);
    };
    const afterClick = () => {
      clearTimeout(timer);
      timer = setTimeout(settle, 0);
    };
    // A field shows its keyboard at once; anything else focused is a blur of the field (below).
    const onFocusIn = (event: FocusEvent) => (keyboardKindOf(event.target) ? this.#follow(event.target) : onFocusOut());
    // Closing the keyboard moves the page. Focus leaves a field on the press that takes it away
    // ("Valider"): close after that press's click, or the click would land on whatever moved
    // under the finger. A blur with no click to come (a mouse held down is one) waits at most
    // a moment longer.
    const onFocusOut = () => {
      clearTimeout(timer);
      doc.addEventListener('click', afterClick, { capture: true, once: true });
      timer = setTimeout(settle, FOCUS_SETTLE_MS);
    };
    const listeners = [
      ['focusin', onFocusIn],
      ['focusout', onFocusOut],
    ] as const;
    for (const [name, listener] of listeners) doc.addEventListener(name, listener as EventListener, true);
    this.#follow(doc.activeElement);
    return () => {
      for (const [name, listener] of listeners) doc.removeEventListener(name, listener as EventListener, true);
      settle();
      this.#follow(null);
    };
  }

  #follow(el: EventTarget | null): void {
    const kind = keyboardKindOf(el);
    this.kind = kind;
    this.target = kind ? (el as HTMLInputElement) : null;
  }
}
