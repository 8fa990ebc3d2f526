/**
 * Edits a focused input as typing would: at the caret, within its maxlength, then an `input`
 * event so `bind:value` and the field's own filtering see it exactly as a physical key press.
 */

const selectionOf = (input: HTMLInputElement): [number, number] => {
  const end = input.value.length;
  return [input.selectionStart ?? end, input.selectionEnd ?? end];
};

function announce(input: HTMLInputElement, inputType: string, data: string | null): void {
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType, data }));
  // A programmatic edit does not scroll a long value; typing at the end should show the end.
  if (input.selectionEnd === input.value.length) input.scrollLeft = input.scrollWidth;
}

export function insertText(input: HTMLInputElement, text: string): void {
  const [start, end] = selectionOf(input);
  const room = input.maxLength >= 0 ? input.maxLength - (input.value.length - (end - start)) : Infinity;
  const kept = [...text].slice(0, Math.max(0, room)).join('');
  if (!kept) return;
  input.setRangeText(kept, start, end, 'end');
  announce(input, 'insertText', kept);
}

export function deleteBackward(input: HTMLInputElement): void {
  const [start, end] = selectionOf(input);
  if (start === end && start === 0) return;
  // One character as a person counts them: a surrogate pair goes in one touch.
  const from = start === end ? start - [...input.value.slice(0, start)].at(-1)!.length : start;
  input.setRangeText('', from, end, 'end');
  announce(input, 'deleteContentBackward', null);
}

export function clearAll(input: HTMLInputElement): void {
  if (!input.value) return;
  input.value = '';
  announce(input, 'deleteContent', null);
}

/** One-touch domain: whatever followed the @ (or nothing) becomes `@domain`. */
export function setEmailDomain(input: HTMLInputElement, domain: string): void {
  const at = input.value.indexOf('@');
  const local = at < 0 ? input.value : input.value.slice(0, at);
  const next = `${local}@${domain}`;
  if (input.maxLength >= 0 && next.length > input.maxLength) return;
  input.value = next;
  input.setSelectionRange(next.length, next.length);
  announce(input, 'insertReplacementText', domain);
}

/** The fields a `{next}` key may go to: every keyboard field of the same form or screen, in order. */
export function nextField(input: HTMLInputElement): HTMLInputElement | null {
  const scope = input.closest('form, main, [role="dialog"]') ?? input.ownerDocument.body;
  const fields = [...scope.querySelectorAll<HTMLInputElement>('input[data-keyboard]')].filter(
    (f) => !f.disabled && f.getClientRects().length > 0,
  );
  return fields[fields.indexOf(input) + 1] ?? null;
}
