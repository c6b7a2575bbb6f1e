import type { ApiRequest, HubContext, Reply } from './context';
import { login, logout } from './handlers/auth';
import { deviceList } from './handlers/device-list';
import { settings } from './handlers/settings';
import { systemStatus } from './handlers/system-status';
import { updateStatus } from './handlers/update-status';

type Handler = (ctx: HubContext, req: ApiRequest) => Reply;

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/api/login': { POST: login },
  '/api/logout': { GET: logout, POST: logout },
  '/api/update/status': { GET: updateStatus },
  '/api/system/status': { GET: systemStatus },
  '/api/settings/get': { GET: settings },
  '/api/device/list': { GET: deviceList },
};

/** The hub's web UI entry page: what a browser (or a careless prober) sees at `/`. */
export const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Control Hub</title></head>' +
  '<body><div id="app">Magewell Control Hub — please log in</div></body></html>';

export function route(ctx: HubContext, req: ApiRequest): Reply {
  const methods = ROUTES[req.path];
  if (!methods) {
    if (req.method === 'GET' && (req.path === '/' || req.path === '/index.html')) {
      return { status: 200, text: LOGIN_PAGE, contentType: 'text/html; charset=UTF-8' };
    }
    return { status: 404, text: 'Not Found' };
  }
  const handler = methods[req.method];
  if (!handler) return { status: 405, text: 'Method Not Allowed', headers: { Allow: Object.keys(methods).join(', ') } };
  return handler(ctx, req);
}
