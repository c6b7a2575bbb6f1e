import { describe, expect, it } from 'vitest';
import { startHub, type ScenarioName, type SimulatedHub, type Timing } from '../index';
import { call, login, probe, sleep } from './http-helpers';

// Phases long enough that a poll every 25 ms sees each of them even when the machine is busy (a
// stalled poll of 200 ms must not skip a phase). The tests run side by side, so the suite takes
// about as long as the longest scenario.
const timing = {
  leadMs: 300,
  checkMs: 400,
  downloadMs: 1000,
  verifyMs: 400,
  uploadMs: 500,
  cancelMs: 400,
  restartNoticeMs: 400,
  restartMs: 800,
} satisfies Partial<Timing>;
/** From a full update's start to its port going down. */
const UNTIL_REBOOT = timing.leadMs + timing.checkMs + timing.downloadMs + timing.verifyMs + timing.restartNoticeMs;
/** How long to keep watching once a scenario has settled: a few polls of its final state. */
const SETTLED_MS = 600;
/** Extra time a wait for a phase allows on a busy machine before failing. */
const SLACK_MS = 3000;

interface Sample {
  state: number | 'refused';
  progress?: number;
  version?: string;
  isNewest?: boolean;
  updateResult?: number;
}

/**
 * Polls like a technician's client would (re-login when the session is gone, note refusals) while
 * the hub runs `scenario`. The hub waits in the static 'update-available' state (idle on 2.1.27)
 * until the first sample is taken and only then starts the scenario's clock: on a busy machine
 * the login alone can outlast the scenario's short idle lead, and the first idle state was missed.
 */
async function observe(hub: SimulatedHub, scenario: ScenarioName, ms: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let cookie = '';
  let until = Infinity;
  while (Date.now() < until) {
    try {
      let a = await call(hub, '/api/update/status', { cookie, timeoutMs: 1000 });
      if (a.json.result === 37) {
        cookie = (await login(hub)).cookie;
        a = await call(hub, '/api/update/status', { cookie, timeoutMs: 1000 });
      }
      const s = (a.json as { status: Record<string, unknown> & { 'online-status': Record<string, unknown> } }).status;
      samples.push({
        state: s.state as number,
        progress: s.progress as number,
        version: s.version as string,
        isNewest: s['online-status']['is-newest'] as boolean,
        updateResult: s['online-status']['update-result'] as number,
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      samples.push({
        state: code === 'ECONNREFUSED' || code === 'ECONNRESET' ? 'refused' : ((code ?? 'error') as 'refused'),
      });
    }
    if (until === Infinity) {
      hub.setScenario(scenario);
      until = Date.now() + ms;
    }
    await sleep(25);
  }
  return samples;
}

/** The distinct consecutive states seen. */
const sequence = (samples: Sample[]) => samples.map((s) => s.state).filter((s, i, all) => i === 0 || s !== all[i - 1]);

async function withHub(scenario: ScenarioName, fn: (hub: SimulatedHub) => Promise<void>): Promise<void> {
  const hub = await startHub({ port: 0, scenario, timing });
  try {
    await fn(hub);
  } finally {
    await hub.stop();
  }
}

/** A hub that waits, idle on 2.1.27, for `observe` to start its scenario. */
async function withWaitingHub(fn: (hub: SimulatedHub) => Promise<void>): Promise<void> {
  const hub = await startHub({ port: 0, scenario: 'update-available', timing });
  try {
    await fn(hub);
  } finally {
    await hub.stop();
  }
}

// Each test has its own hub and mostly sleeps between polls, so they run side by side.
describe.concurrent('scenarios', () => {
  it('full-update: check → download → verify → restart (port refuses) → back on 2.1.28 without sessions', () =>
    withWaitingHub(async (hub) => {
      const { cookie: before } = await login(hub);
      expect(hub.version).toBe('2.1.27');
      const samples = await observe(hub, 'full-update', UNTIL_REBOOT + timing.restartMs + SETTLED_MS);
      expect(sequence(samples)).toEqual([0, 0x2, 0x4, 0x8, 0x40, 'refused', 0]);
      const progress = samples.filter((s) => s.state === 0x4).map((s) => s.progress!);
      expect(progress.length).toBeGreaterThan(3);
      expect([...progress].sort((a, b) => a - b)).toEqual(progress); // rising
      expect(progress[progress.length - 1]).toBeGreaterThan(50);
      expect(samples[0]).toMatchObject({ version: '2.1.27', isNewest: false });
      expect(samples[samples.length - 1]).toMatchObject({ state: 0, version: '2.1.28', isNewest: true, progress: 0 });
      // The session from before the restart is forgotten.
      expect((await call(hub, '/api/update/status', { cookie: before })).json).toStrictEqual({ result: 37 });
      expect(hub.isRestarting).toBe(false);
      expect(hub.stateCode).toBe(0);
    }));

  it('the restart window refuses TCP connections, then listens again on the same port', () =>
    withHub('full-update', async (hub) => {
      const port = hub.port;
      const { cookie } = await login(hub);
      // Keep-alive connection opened before the restart must be dropped too.
      let t0 = Date.now();
      while (!hub.isRestarting && Date.now() - t0 < UNTIL_REBOOT + SLACK_MS) await sleep(10);
      expect(hub.isRestarting).toBe(true);
      expect(hub.stateCode).toBe(0x40);
      expect(await probe(hub.host, port)).toBe('refused');
      await expect(call(hub, '/api/update/status', { cookie })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      t0 = Date.now();
      while (hub.isRestarting && Date.now() - t0 < timing.restartMs + SLACK_MS) await sleep(10);
      expect(await probe(hub.host, port)).toBe('open');
      expect(hub.port).toBe(port);
      expect(hub.version).toBe('2.1.28');
      expect((await call(hub, '/api/update/status', { cookie })).json).toStrictEqual({ result: 37 });
    }));

  it('update-fails: downloading breaks off into 0x200 with update-result 11', () =>
    withWaitingHub(async (hub) => {
      const samples = await observe(
        hub,
        'update-fails',
        timing.leadMs + timing.checkMs + timing.downloadMs * 0.6 + SETTLED_MS,
      );
      expect(sequence(samples)).toEqual([0, 0x2, 0x4, 0x200]);
      expect(samples[samples.length - 1]).toMatchObject({
        state: 0x200,
        updateResult: 11,
        version: '2.1.27',
        isNewest: false,
      });
    }));

  it('back-on-old-version: restarts but comes back on 2.1.27', () =>
    withWaitingHub(async (hub) => {
      const samples = await observe(hub, 'back-on-old-version', UNTIL_REBOOT + timing.restartMs + SETTLED_MS);
      expect(sequence(samples)).toEqual([0, 0x2, 0x4, 0x8, 0x40, 'refused', 0]);
      expect(samples[samples.length - 1]).toMatchObject({ state: 0, version: '2.1.27', isNewest: false });
    }));

  it('cancel: downloading → cancelling → idle, still on 2.1.27', () =>
    withWaitingHub(async (hub) => {
      const samples = await observe(
        hub,
        'cancel',
        timing.leadMs + timing.checkMs + timing.downloadMs / 2 + timing.cancelMs + SETTLED_MS,
      );
      expect(sequence(samples)).toEqual([0, 0x2, 0x4, 0x20, 0]);
      expect(samples[samples.length - 1]).toMatchObject({ version: '2.1.27', progress: 0 });
    }));

  it('upload: uploading → verifying → restart → back on 2.1.28', () =>
    withWaitingHub(async (hub) => {
      const samples = await observe(
        hub,
        'upload',
        timing.leadMs + timing.uploadMs + timing.verifyMs + timing.restartNoticeMs + timing.restartMs + SETTLED_MS,
      );
      expect(sequence(samples)).toEqual([0, 0x10, 0x8, 0x40, 'refused', 0]);
      expect(samples[samples.length - 1]).toMatchObject({ version: '2.1.28', isNewest: true });
    }));

  it('static scenarios: idle, update-available, unavailable; downloading cycles its progress', async () => {
    const hub = await startHub({ port: 0, scenario: 'update-available', timing });
    try {
      const { cookie } = await login(hub);
      const get = async () =>
        (await call(hub, '/api/update/status', { cookie })).json as {
          status: Record<string, unknown> & { 'online-status': Record<string, unknown> };
        };
      let s = (await get()).status;
      expect(s).toMatchObject({ state: 0, version: '2.1.27', progress: 0 });
      expect(s['online-status']['is-newest']).toBe(false);
      expect(s['online-status']['newest-version']).toMatchObject({ version: '2.1.28' });

      hub.setScenario('unavailable');
      s = (await get()).status;
      expect(s).toMatchObject({ state: 0x100, 'enable-update': false });

      hub.setScenario('idle');
      s = (await get()).status;
      expect(s).toMatchObject({ state: 0, version: '2.1.28' });

      hub.setScenario('downloading', { downloadMs: 200 });
      const seen: number[] = [];
      for (let i = 0; i < 16; i++) {
        const st = (await get()).status;
        expect(st.state).toBe(0x4);
        seen.push(st.progress as number);
        await sleep(25);
      }
      // Rises, wraps around to a low value, keeps going.
      expect(seen.some((p, i) => i > 0 && p < seen[i - 1]!)).toBe(true);
      expect(Math.max(...seen)).toBeGreaterThan(50);
      expect(seen.every((p) => p >= 0 && p <= 100)).toBe(true);
    } finally {
      await hub.stop();
    }
  });

  it('system status mirrors the update state in status-code with the rebooting/updating/new-version flags', () =>
    withWaitingHub(async (hub) => {
      const { cookie } = await login(hub);
      const statusCode = async (): Promise<number | null> => {
        const a = await call(hub, '/api/system/status', { cookie }).catch(() => null);
        if (a?.json.result !== 0) return null;
        return (a.json as { status: { system: { status: { 'status-code': number } } } }).status.system.status[
          'status-code'
        ];
      };
      const restarting = 0x1000 | 0x2000 | 0x40;
      const codes = new Set<number | null>([await statusCode()]);
      hub.setScenario('full-update');
      const until = Date.now() + UNTIL_REBOOT + SLACK_MS;
      while (Date.now() < until && !codes.has(restarting)) {
        codes.add(await statusCode());
        await sleep(25);
      }
      expect(codes.has(0x1000)).toBe(true); // idle, new version available
      expect(codes.has(0x1000 | 0x8000 | 0x4)).toBe(true); // downloading
      expect(codes.has(restarting)).toBe(true);
    }));

  it('setScenario during the restart window brings the port back at once', () =>
    withHub('full-update', async (hub) => {
      const t0 = Date.now();
      while (!hub.isRestarting && Date.now() - t0 < UNTIL_REBOOT + SLACK_MS) await sleep(10);
      expect(await probe(hub.host, hub.port)).toBe('refused');
      hub.setScenario('idle');
      const t1 = Date.now();
      while (hub.isRestarting && Date.now() - t1 < SLACK_MS) await sleep(5);
      expect(await probe(hub.host, hub.port)).toBe('open');
      expect((await login(hub)).answer.json.result).toBe(0);
    }));

  it('rejects unknown scenarios and bad timings', async () => {
    await expect(startHub({ port: 0, scenario: 'nope' as ScenarioName })).rejects.toThrow(/unknown simulator scenario/);
    await expect(startHub({ port: 0, timing: { checkMs: -1 } })).rejects.toThrow(/timing.checkMs/);
  });
});
