/**
 * Nothing typed at the kiosk may leave a field through the clipboard: copy, cut, paste and drag
 * are refused everywhere. Returns the function that lifts the guard.
 */
export function guardClipboard(doc: Document): () => void {
  const refuse = (event: Event) => event.preventDefault();
  const events = ['copy', 'cut', 'paste', 'dragstart', 'drop'] as const;
  for (const name of events) doc.addEventListener(name, refuse, true);
  return () => {
    for (const name of events) doc.removeEventListener(name, refuse, true);
  };
}

/** Empties the clipboard where the platform lets a page do it (it may refuse without focus). */
export async function clearClipboard(): Promise<void> {
  try {
    await navigator.clipboard?.writeText('');
  } catch {
    // Refused (no permission, no focus): the guard above means nothing of ours was put there.
  }
}

/** Takes focus out of any field, which also closes the on-screen keyboard. */
export function dropFocus(doc: Document): void {
  const active = doc.activeElement;
  if (active instanceof HTMLElement && active !== doc.body) active.blur();
}
