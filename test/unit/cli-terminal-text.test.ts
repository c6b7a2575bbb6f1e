import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { terminalIo, writeControl, type CliIo } from '../../electron/cli/io';
import { formatColumns, formatTable, writeError, writeJson } from '../../electron/cli/output';
import { redraw } from '../../electron/cli/watch-view';
import { isTerminalControl, oneLine, terminalSafe, terminalSafeJson } from '../../electron/cli/terminal-text';

/** Hub text never reaches a terminal raw: one escaping at the point where text leaves. */

const ESC = '\x1b';
/** Every character class a terminal acts on. */
const HOSTILE = [
  `${ESC}[2J${ESC}[H`, // CSI: clear the screen, cursor home
  `${ESC}]52;c;ZXZpbA==\x07`, // OSC 52: set the clipboard
  `${ESC}]0;title${ESC}\\`, // OSC with ST: window title
  `${ESC}P+q544e${ESC}\\`, // DCS
  `${ESC}`, // lone ESC
  '\x9b2J', // 8-bit CSI
  '\x9d52;c;x\x9c', // 8-bit OSC … ST
  '\u202eevil\u202c', // bidi override
  '\u2066x\u2069', // bidi isolate
  'a\rb', // carriage return over the line
  'a\bb', // backspace
  '\x7f', // DEL
  '\x00', // NUL
];
/** Nothing a terminal would act on (line feed and tab are the CLI's own layout). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const raw: CliIo = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    env: {},
    stdin: new PassThrough(),
    isTty: true,
    setExitCode: () => {},
  };
  return { io: terminalIo(raw), out: () => out, err: () => err };
}

describe('terminalSafe', () => {
  it('escapes every control visibly and keeps text, line feeds and tabs', () => {
    for (const h of HOSTILE) {
      const safe = terminalSafe(`v${h}1`);
      expect(safe, JSON.stringify(h)).not.toMatch(RAW);
      expect(safe.startsWith('v') && safe.endsWith('1')).toBe(true);
    }
    expect(terminalSafe(`${ESC}]52;c;ZXZpbA==\x07`)).toBe('\\x1b]52;c;ZXZpbA==\\x07');
    expect(terminalSafe('\u202eevil')).toBe('\\u202eevil');
    expect(terminalSafe('\x9b2J')).toBe('\\x9b2J');
    expect(terminalSafe('中文 é 2.1.28\n\tnext')).toBe('中文 é 2.1.28\n\tnext');
    // CRLF (the CSV report's line ends) stays; a CR alone would overwrite the line.
    expect(terminalSafe('a,b\r\nc\rd')).toBe('a,b\r\nc\\x0dd');
  });

  it('oneLine also escapes line feeds and tabs, so a value cannot forge a line', () => {
    expect(oneLine('2.1.28\nerror AUTH_FAILED: fake')).toBe('2.1.28\\x0aerror AUTH_FAILED: fake');
    expect(oneLine('a\tb')).toBe('a\\x09b');
  });
});

describe('the CLI io: the one point where text leaves', () => {
  it('escapes whatever a command writes to stdout and stderr', () => {
    const c = capture();
    for (const h of HOSTILE) {
      c.io.out(`version ${h}\n`);
      c.io.err(`error ${h}\n`);
    }
    expect(c.out()).not.toMatch(RAW);
    expect(c.err()).not.toMatch(RAW);
  });

  it('writes the CLI own cursor controls, and refuses anything else on that channel', () => {
    const c = capture();
    writeControl(c.io, 'out', `${ESC}[3F`);
    writeControl(c.io, 'err', `\r${ESC}[K`);
    expect(c.out()).toBe(`${ESC}[3F`);
    expect(c.err()).toBe(`\r${ESC}[K`);
    expect(() => writeControl(c.io, 'out', `${ESC}]52;c;eA==\x07`)).toThrow(/not a terminal control/);
    expect(() => writeControl(c.io, 'out', `${ESC}[2Kversion`)).toThrow(/not a terminal control/);
    expect(isTerminalControl(`${ESC}[?25l`)).toBe(true);
  });

  it('JSON stays exact: the same values back, nothing raw, unchanged by the escaping', () => {
    const value = { version: HOSTILE.join('|'), name: '中文\u202e', n: 1 };
    const c = capture();
    writeJson(c.io, value);
    expect(c.out()).not.toMatch(RAW);
    expect(JSON.parse(c.out())).toEqual(value);
    const json = terminalSafeJson(value, 2);
    expect(terminalSafe(json)).toBe(json);
  });

  it('error messages, tables and columns keep each hub value on its own line', () => {
    const c = capture();
    writeError(c.io, { code: 'PROTOCOL', hubCode: null, message: `bad\nerror AUTH_FAILED: forged ${ESC}[2J` });
    expect(c.err().split('\n')).toEqual(['error PROTOCOL: bad\\x0aerror AUTH_FAILED: forged \\x1b[2J', '']);
    expect(formatTable([['Installed', '2.1.28\nState       idle']]).split('\n')).toHaveLength(1);
    expect(
      formatColumns([
        ['a', 'b\nc'],
        ['d', 'e'],
      ]).split('\n'),
    ).toHaveLength(2);
  });

  it('watch redraw escapes a hub line before clipping it, so the cut is measured on what is shown', () => {
    const text = redraw([`hub ${ESC}]52;c;eA==\x07 2.1.28`], 0, 80);
    const withoutOwn = text.replaceAll(`${ESC}[2K`, '').replaceAll(`${ESC}[J`, '');
    expect(withoutOwn).not.toMatch(RAW);
    expect(
      redraw([`${ESC}`.repeat(30)], 0, 40)
        .split('\n')[0]
        ?.replace(`${ESC}[2K`, ''),
    ).toHaveLength(39);
  });
});
