// Preloaded (`--import`) into the simulator command by cli.test.ts: right after the process
// writes its first line on stdout, it sends itself the signal named in SIGNAL_ON_FIRST_LINE.
// That is the earliest moment a script reading the "ready" lines could signal, made certain
// instead of left to the scheduler: a handler installed after the lines is missed every time.
const signal = process.env.SIGNAL_ON_FIRST_LINE;
if (signal) {
  const write = process.stdout.write.bind(process.stdout);
  let sent = false;
  process.stdout.write = (...args) => {
    const written = write(...args);
    if (!sent) {
      sent = true;
      process.kill(process.pid, signal);
    }
    return written;
  };
}
