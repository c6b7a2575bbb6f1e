import { describe, expect, it } from 'vitest';
import { parsePollArgs, POLL_FROM } from '../bench/poll/args';
import { parseRendererArgs, RENDERER_FROM } from '../bench/renderer/args';
import { requireOpenFiles } from '../bench/open-files';
import { parseCliArgs } from '../simulator/cli-args';
import { nthAddress } from '../simulator/fleet';

// Issue 17: the poll and renderer benchmarks take up to 5,000 hubs, each on loopback addresses
// of its own, and say so clearly when the machine's open-file limit is too low.

describe('benchmark fleets of up to 5,000 hubs', () => {
  it('the renderer benchmark takes 5000 hubs and refuses 5001', () => {
    expect(parseRendererArgs(['--hubs', '5000']).hubs).toBe(5000);
    expect(() => parseRendererArgs(['--hubs', '5001'])).toThrow('--hubs takes a number from 1 to 5000');
  });

  it('the poll benchmark takes 5000 hubs and refuses more instead of cutting them down', () => {
    expect(parsePollArgs(['--hubs', '5000']).hubs).toBe(5000);
    expect(parsePollArgs([]).hubs).toBe(500);
    expect(() => parsePollArgs(['--hubs', '5001'])).toThrow('--hubs takes a whole number from 1 to 5000');
    expect(() => parsePollArgs(['--hubs', 'many'])).toThrow('--hubs');
  });

  it('the simulator serves a fleet of 5000', () => {
    expect(parseCliArgs(['--hubs', '5000', '--from', POLL_FROM]).fleet.count).toBe(5000);
  });

  it('each benchmark keeps 5000 hubs inside a /16 of its own, apart from the other', () => {
    const poll = nthAddress(POLL_FROM, 4999);
    const renderer = nthAddress(RENDERER_FROM, 4999);
    expect(poll).toBe('127.80.19.136');
    expect(renderer).toBe('127.81.19.136');
    expect(POLL_FROM.split('.').slice(0, 2)).toEqual(poll.split('.').slice(0, 2));
    expect(RENDERER_FROM.split('.').slice(0, 2)).toEqual(renderer.split('.').slice(0, 2));
  });

  it('a fleet needing more open files than allowed is refused up front with what to do', () => {
    expect(() => requireOpenFiles(15_500, 'the simulator of 5000 hubs', 4096)).toThrow(
      /the simulator of 5000 hubs needs about 15500 open files, and this machine allows 4096 .*prlimit --nofile=15500/,
    );
    expect(() => requireOpenFiles(15_500, 'the simulator', 20_000)).not.toThrow();
    expect(() => requireOpenFiles(15_500, 'the simulator', null)).not.toThrow();
  });
});
