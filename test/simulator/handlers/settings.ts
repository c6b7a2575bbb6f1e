import type { ApiRequest, HubContext, Reply } from '../context';
import { json } from '../context';
import { hasPermission, PERMISSION } from '../permissions';
import { applyValueVariants } from '../variants';
import { authenticate } from './auth';
import { sessionMinutes } from './system-status';

/** Shape of Magewell's documented /api/settings/get example: fields at the top level. */
export function settings(ctx: HubContext, req: ApiRequest): Reply {
  const auth = authenticate(ctx, req);
  if ('reply' in auth) return auth.reply;
  if (!hasPermission(auth.user.permission, PERMISSION.VIEW_SYSTEM_CONFIG))
    return json({ result: ctx.codes.notPermitted });
  const body = {
    result: ctx.codes.ok,
    'expired-time': sessionMinutes(ctx.sessions.idleMs),
    'pwd-rule': { 'chk-name': 0, length: 0, number: 0, special: 0, uppercase: 0 },
    rtmp: { port: 1935 },
    security: { 'code-value': '0165', 'enable-code': false },
    srt: { 'pb-key-len': 0, port: 8000 },
    web: {
      'enable-https': ctx.https,
      'http-port': ctx.https ? 80 : ctx.port,
      'https-port': ctx.https ? ctx.port : 443,
      'is-cert-key-valid': true,
      'is-cert-valid': true,
    },
  };
  return json(applyValueVariants(body, ctx.variants));
}
