import { getContext, setContext } from 'svelte';

const KEY = Symbol('assisted-visit');

/** Whether the visit on screen is assisted by staff (the staff tools of a journey show only then). */
export const provideAssisted = (active: () => boolean): (() => boolean) => setContext(KEY, active);
export const useAssisted = (): (() => boolean) => getContext<(() => boolean) | undefined>(KEY) ?? (() => false);
