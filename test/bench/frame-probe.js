/* global window, document, requestAnimationFrame */
/**
 * Frame timing inside the page, shared by the browser benchmarks (renderer, devices): installed
 * before the renderer runs with `page.addInitScript({ path })` (the window's Content Security
 * Policy allows that: it is no eval), before the benchmark's own page-probe.js. Plain JavaScript:
 * code compiled by tsx carries helpers (`__name`) that do not exist in the page.
 *
 * window.__frames(seconds, scrollSelector): requestAnimationFrame intervals, per-frame
 * main-thread work and Long Animation Frame durations for `seconds`, scrolling the element that
 * `scrollSelector` matches (null: just watching) up and down like a technician dragging through
 * the list.
 */
window.__frames = (seconds, scrollSelector) =>
  new Promise((resolve) => {
    const intervals = [];
    const work = [];
    const loaf = [];
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
    // A message posted from a rAF callback runs after that frame's style, layout and paint:
    // the difference is the main-thread time the frame took.
    channel.port1.onmessage = () => work.push(performance.now() - frameStart);
    const frame = (t) => {
      if (last) intervals.push(t - last);
      last = t;
      frameStart = t;
      channel.port2.postMessage(0);
      if (scroller) {
        // A steady scroll, bouncing at the ends.
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) direction = -1;
        else if (scroller.scrollTop <= 0) direction = 1;
        scroller.scrollTop += direction * 12;
      }
      if (t < end) requestAnimationFrame(frame);
      else {
        if (observer) observer.disconnect();
        channel.port1.close();
        resolve({ intervals, work, loaf });
      }
    };
    requestAnimationFrame(frame);
  });
