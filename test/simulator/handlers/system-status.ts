import type { ApiRequest, HubContext, Reply } from '../context';
import { json } from '../context';
import { STATE } from '../scenarios';
import { applyValueVariants } from '../variants';
import { NEWEST_VERSION } from '../versions';
import { authenticate } from './auth';

/** status-code bits above the update-state bits (controlhub-api.md, system/status). */
export const SYSTEM_FLAG = Object.freeze({
  NEW_VERSION: 0x1000,
  REBOOTING: 0x2000,
  SRT_FAILED: 0x4000,
  UPDATING: 0x8000,
  RESETTING: 0x10000,
  IMPORTING: 0x20000,
  LOW_MEMORY: 0x40000,
});

const UPDATING_STATES = STATE.DOWNLOADING | STATE.VERIFYING | STATE.UPLOADING;

export function sessionMinutes(idleMs: number): number {
  return idleMs < 0 || !Number.isFinite(idleMs) ? -1 : Math.max(1, Math.round(idleMs / 60_000));
}

export function systemStatus(ctx: HubContext, req: ApiRequest): Reply {
  const auth = authenticate(ctx, req);
  if ('reply' in auth) return auth.reply;
  const snap = ctx.snapshot(req.now);
  let code = snap.state & 0x3ff;
  if (snap.version !== NEWEST_VERSION) code |= SYSTEM_FLAG.NEW_VERSION;
  if (snap.state & STATE.RESTARTING) code |= SYSTEM_FLAG.REBOOTING;
  if (snap.state & UPDATING_STATES) code |= SYSTEM_FLAG.UPDATING;
  // Load figures wander slowly so a dashboard shows life; deterministic for a given second.
  const s = Math.floor(req.now / 1000);
  const info: Record<string, unknown> = { 'date-time': s, 'cloud-version': snap.version };
  if (ctx.isHardware) info['hardware-ver'] = 'A';
  info['expired-time'] = sessionMinutes(ctx.sessions.idleMs);
  const status = {
    cpu: 8 + (s % 17),
    mem: 31 + (s % 7),
    'net-tx': Math.round((1 + Math.sin(s / 10)) * 100) / 100,
    'net-rx': Math.round((2 + Math.cos(s / 10)) * 100) / 100,
    'disk-info': { total: 59_000, free: 41_250 },
    'status-code': code,
  };
  return json(applyValueVariants({ result: ctx.codes.ok, status: { system: { info, status } } }, ctx.variants));
}
