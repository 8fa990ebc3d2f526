import { tick } from 'svelte';

/**
 * After a refused Valider: bring the first field in error into view and focus it (the keyboard
 * opens on it), so the tenant lands on what to correct instead of searching for it.
 */
export async function focusFirstProblem(form: HTMLElement | undefined): Promise<void> {
  await tick();
  const field = form?.querySelector<HTMLInputElement>('input[aria-invalid="true"]');
  if (!field) return;
  field.focus({ preventScroll: true });
  field.scrollIntoView({ block: 'center' });
}
