/* global window, document, requestAnimationFrame, MutationObserver */
/**
 * The devices benchmark's code inside the page, installed before the renderer runs
 * (`page.addInitScript({ path })`, which the window's Content Security Policy allows; run.ts
 * calls what it defines with functions, never strings). Plain JavaScript: code compiled by tsx
 * carries helpers that do not exist in the page.
 *
 * - window.__devicesBench: when the fleet's site summary counted every device of every hub
 *   (`countsShownAt`: all lists in the window and added up on screen), and how many
 *   `devices:changed` events and devices arrived;
 * - window.__measureFrames(seconds, scrollSelector): requestAnimationFrame intervals, per-frame
 *   main-thread work and Long Animation Frames for `seconds`, scrolling the element matched by
 *   `scrollSelector` (null: just watching).
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

window.__measureFrames = (seconds, scrollSelector) =>
  new Promise((resolve) => {
    const bench = window.__devicesBench;
    const startEvents = bench.events;
    const startDevices = bench.devices;
    const intervals = [];
    const loaf = [];
    const work = [];
    let observer = null;
    try {
      observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => loaf.push(e.duration)));
      observer.observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      observer = null;
    }
    const scroller = scrollSelector ? document.querySelector(scrollSelector) : null;
    let direction = 1;
    let last = 0;
    let frameStart = 0;
    const end = performance.now() + seconds * 1000;
    const channel = new MessageChannel();
    // A message posted from a rAF callback runs after that frame's style, layout and paint.
    channel.port1.onmessage = () => work.push(performance.now() - frameStart);
    const frame = (t) => {
      if (last) intervals.push(t - last);
      last = t;
      frameStart = t;
      channel.port2.postMessage(0);
      if (scroller) {
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) direction = -1;
        else if (scroller.scrollTop <= 0) direction = 1;
        scroller.scrollTop += direction * 12;
      }
      if (t < end) requestAnimationFrame(frame);
      else {
        if (observer) observer.disconnect();
        channel.port1.close();
        resolve({
          intervals,
          work,
          loaf,
          events: bench.events - startEvents,
          devices: bench.devices - startDevices,
        });
      }
    };
    requestAnimationFrame(frame);
  });
