/* global window, document, MutationObserver */
/**
 * The renderer benchmark's code inside the page, installed before the renderer runs
 * (`page.addInitScript({ path })`, which the page's Content Security Policy allows: it is no
 * eval). Plain JavaScript in a file of its own: code that the TypeScript runner (tsx) compiled
 * carries its helpers (`__name`), which do not exist in the page. run.ts calls what this file
 * defines with functions, never with strings: Chromium refuses string code under the window's
 * CSP (no 'unsafe-eval').
 *
 * - window.__bench: when the fleet's first rows were on screen with every hub counted, and how
 *   many change events and hub changes arrived;
 * - window.__measure(seconds, scroll): the frame figures of ../frame-probe.js (installed before
 *   this file) for `seconds`, optionally scrolling the table, and the changes meanwhile;
 * - window.__loadFigures(): the navigation's timings for the last load.
 * The hub count to wait for is set by run.ts in window.__benchExpected (an init script before this).
 */
window.__bench = { firstRowsAt: null, changes: 0, events: 0 };

document.addEventListener('DOMContentLoaded', () => {
  const expected = window.__benchExpected;
  const watch = new MutationObserver(() => {
    if (window.__bench.firstRowsAt !== null) return;
    const rows = document.querySelectorAll('[data-test="fleet-row"]').length;
    const all = document.querySelector('[data-test="summary-all"] .count');
    if (rows > 0 && all && Number(all.textContent) === expected) {
      window.__bench.firstRowsAt = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document.body, { childList: true, subtree: true, characterData: true });
  window.hubkeeper.on('monitor:changed', (e) => {
    window.__bench.events++;
    window.__bench.changes += e.changes.length;
  });
});

// Frames from frame-probe.js (installed before this file), with the changes that arrived meanwhile.
window.__measure = async (seconds, scroll) => {
  const bench = window.__bench;
  const startChanges = bench.changes;
  const startEvents = bench.events;
  const frames = await window.__frames(seconds, scroll ? '[data-test="fleet-table"] .body' : null);
  return { ...frames, changes: bench.changes - startChanges, events: bench.events - startEvents };
};

window.__loadFigures = () => {
  const nav = performance.getEntriesByType('navigation')[0];
  const start = performance.getEntriesByName('hubkeeper:start')[0];
  return {
    firstRowsAt: window.__bench.firstRowsAt,
    appStart: start ? start.startTime : NaN,
    responseEnd: nav ? nav.responseEnd : NaN,
  };
};
