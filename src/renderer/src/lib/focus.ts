import type { Attachment } from 'svelte/attachments';

/**
 * Moves focus to a new screen's heading, so keyboard and screen-reader users start at the top
 * of what just appeared instead of on a button that no longer exists.
 */
export const focusOnMount: Attachment<HTMLElement> = (node) => {
  node.focus({ preventScroll: true });
  // Screens share the frame's scrolling area: a new one starts at its top, not where the last one was left.
  node.closest('main')?.scrollTo({ top: 0 });
};
