/* global window, document, MutationObserver */
/**
 * The devices benchmark's code inside the page, installed before the renderer runs
 * (`page.addInitScript({ path })`, which the window's Content Security Policy allows; run.ts
 * calls what it defines with functions, never strings). Plain JavaScript: code compiled by tsx
 * carries helpers that do not exist in the page.
 *
 * - window.__devicesBench: when the fleet's site summary counted every device of every hub
 *   (`countsShownAt`: all lists in the window and added up on screen), and how many
 *   `devices:changed` events and devices arrived;
 * - window.__measureFrames(seconds, scrollSelector): the frame figures of ../frame-probe.js
 *   (installed before this file) for `seconds`, scrolling the element matched by
 *   `scrollSelector` (null: just watching), and the lists that arrived meanwhile.
 * The device total to wait for is set by run.ts in window.__devicesExpectedTotal.
 */
window.__devicesBench = { countsShownAt: null, events: 0, devices: 0 };

document.addEventListener('DOMContentLoaded', () => {
  const expected = `devices: ${window.__devicesExpectedTotal}`;
  const watch = new MutationObserver(() => {
    if (window.__devicesBench.countsShownAt !== null) return;
    // The fleet table is virtualised (not every row exists); the site summary adds up all hubs.
    const summary = document.querySelector('[data-test="site-devices"] summary');
    if (summary && summary.textContent.includes(expected)) {
      window.__devicesBench.countsShownAt = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document.body, { childList: true, subtree: true, characterData: true });
  window.hubkeeper.on('devices:changed', (e) => {
    window.__devicesBench.events++;
    window.__devicesBench.devices += e.devices ? e.devices.length : 0;
  });
});

// Frames from frame-probe.js (installed before this file), with the lists that arrived meanwhile.
window.__measureFrames = async (seconds, scrollSelector) => {
  const bench = window.__devicesBench;
  const startEvents = bench.events;
  const startDevices = bench.devices;
  const frames = await window.__frames(seconds, scrollSelector);
  return { ...frames, events: bench.events - startEvents, devices: bench.devices - startDevices };
};
