import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cliLog } from '../../electron/cli/cli-log';
import type { CliIo } from '../../electron/cli/io';

function captureIo(): CliIo & { written: () => { out: string; err: string } } {
  let out = '';
  let err = '';
  return {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    env: {},
    stdin: new PassThrough(),
    isTty: false,
    setExitCode: () => {},
    written: () => ({ out, err }),
  };
}

// The backend's log as `hubkeeper watch` shows it: warnings on stderr, one line each, stdout untouched.
describe('cliLog', () => {
  it('tells warnings and errors on stderr with the reason, and keeps routine lines off the terminal', () => {
    const io = captureIo();
    const log = cliLog(io);
    log.info('backend started', { hubs: 2 });
    log.warn('store write failed', { error: new Error('disk full\nsecond line') });
    log.error('syncing hubs failed', { error: { code: 'INTERNAL', message: 'boom' } });
    log.warn('stopped before every hub session was closed');
    expect(io.written()).toEqual({
      out: '',
      err:
        'hubkeeper: warning: store write failed: disk full\\x0asecond line\n' +
        'hubkeeper: warning: syncing hubs failed: boom\n' +
        'hubkeeper: warning: stopped before every hub session was closed\n',
    });
  });

  it('names a damaged file in the sentence every other command uses', () => {
    const io = captureIo();
    cliLog(io).warn('damaged file moved aside', {
      file: '/data/store/meta.json',
      movedTo: '/data/store/meta.json.damaged-1',
      reason: 'not JSON',
      at: '2026-01-01T00:00:00.000Z',
    });
    expect(io.written().err).toBe(
      'hubkeeper: warning: /data/store/meta.json was damaged (not JSON); it was kept as /data/store/meta.json.damaged-1 and Hubkeeper went on without it.\n',
    );
  });
});
