import type HelpView from './help-view.svelte';

/** Help is a rare visit: its pages and drawing load on the first touch of « Aide », once. */
let pending: Promise<typeof HelpView> | undefined;

export const loadHelpView = (): Promise<typeof HelpView> =>
  (pending ??= import('./help-view.svelte').then(
    (module) => module.default,
    (error: unknown) => {
      // A failed load may succeed later: do not keep the failure.
      pending = undefined;
      throw error;
    },
  ));
