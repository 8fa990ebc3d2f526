/**
 * No zoom on a kiosk: the layout already scales, and a zoomed screen strands the next visitor.
 * Touch pinch is stopped by CSS (touch-action) and the viewport meta; a touchpad pinch or
 * Ctrl + wheel arrives as a wheel event with ctrlKey, which only a non-passive listener can stop.
 */
export function blockZoomGestures(target: Window): () => void {
  const onWheel = (event: WheelEvent) => {
    if (event.ctrlKey) event.preventDefault();
  };
  // Safari's own pinch events; harmless elsewhere.
  const onGesture = (event: Event) => event.preventDefault();
  target.addEventListener('wheel', onWheel, { passive: false });
  target.addEventListener('gesturestart', onGesture);
  return () => {
    target.removeEventListener('wheel', onWheel);
    target.removeEventListener('gesturestart', onGesture);
  };
}
