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

/**
 * The submit handler of a step's form: no page load, the step's call, then the first problem in
 * focus. The form is read before the call, while the event still names it.
 */
export function submitStep(action: () => Promise<unknown>) {
  return async (event: SubmitEvent & { currentTarget: HTMLFormElement }): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget;
    await action();
    await focusFirstProblem(form);
  };
}
