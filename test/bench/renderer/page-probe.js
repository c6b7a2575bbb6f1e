/* global window, document, requestAnimationFrame, MutationObserver */
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
 * - window.__measure(seconds, scroll): requestAnimationFrame intervals, per-frame main-thread
 *   work and Long Animation Frames for `seconds`, optionally scrolling the table;
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

window.__measure = (seconds, scroll) =>
  new Promise((resolve) => {
    const bench = window.__bench;
    const startChanges = bench.changes,
      startEvents = bench.events;
    const intervals = [],
      loaf = [];
    let observer = null;
    try {
      observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => loaf.push(e.duration)));
      observer.observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      observer = null;
    }
    const scroller = document.querySelector('[data-test="fleet-table"] .body');
    let direction = 1,
      last = 0;
    const end = performance.now() + seconds * 1000;
    const work = [];
    const channel = new MessageChannel();
    let frameStart = 0;
    // A message posted from a rAF callback runs after that frame's style, layout and paint:
    // the difference is the main-thread time the frame took.
    channel.port1.onmessage = () => work.push(performance.now() - frameStart);
    const frame = (t) => {
      if (last) intervals.push(t - last);
      last = t;
      frameStart = t;
      channel.port2.postMessage(0);
      if (scroll && scroller) {
        // A steady scroll, like a technician dragging through the list, bouncing at the ends.
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) direction = -1;
        else if (scroller.scrollTop <= 0) direction = 1;
        scroller.scrollTop += direction * 12;
      }
      if (t < end) requestAnimationFrame(frame);
      else {
        if (observer) observer.disconnect();
        channel.port1.close();
        resolve({ intervals, work, loaf, changes: bench.changes - startChanges, events: bench.events - startEvents });
      }
    };
    requestAnimationFrame(frame);
  });

window.__loadFigures = () => {
  const nav = performance.getEntriesByType('navigation')[0];
  const start = performance.getEntriesByName('hubkeeper:start')[0];
  return {
    firstRowsAt: window.__bench.firstRowsAt,
    appStart: start ? start.startTime : NaN,
    responseEnd: nav ? nav.responseEnd : NaN,
  };
};
