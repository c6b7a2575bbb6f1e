import type { ApiRequest, HubContext, Reply } from '../context';
import { json } from '../context';
import { hasPermission, PERMISSION } from '../permissions';
import { applyUpgrades } from '../device-upgrades';
import { applyValueVariants } from '../variants';
import { authenticate } from './auth';

const MODELS = [
  ['Ultra Encode HDMI', 'A302', '1.1.945'],
  ['Pro Convert HDMI 4K Plus', 'B105', '1.2.300'],
  ['Ultra Encode SDI', 'A303', '1.1.901'],
  ['Pro Convert NDI to HDMI', 'C201', '1.1.862'],
  ['Director Mini', 'D401', '1.3.120'],
] as const;

interface Device extends Record<string, unknown> {
  sn: string;
  name: string;
  'online-date': number;
  'dev-warns': number;
  'apply-date': number;
}

/** The hub's managed encoders/decoders, deterministic per hub address. */
export function devicesFor(host: string, count: number): Device[] {
  const suffix = host
    .split('.')
    .map((p) => p.padStart(3, '0'))
    .join('')
    .slice(-6);
  return Array.from({ length: count }, (_, i) => {
    const [model, prefix, fw] = MODELS[i % MODELS.length]!;
    return {
      id: 10_000 + i,
      sn: `${prefix}${suffix}${String(i).padStart(4, '0')}`,
      name: `${model.split(' ')[0]}-${i + 1}`,
      'module-name': model,
      'firmware-ver': fw,
      'hardware-ver': 'A',
      'online-date': i % 4 === 3 ? 0 : 1_694_400_000_000 + i * 1000,
      'dev-warns': i % 5 === 4 ? 1 : 0,
      'apply-date': 1_690_000_000_000 + i * 86_400_000,
    };
  });
}

const cache = new Map<string, Device[]>();

export function deviceList(ctx: HubContext, req: ApiRequest): Reply {
  const auth = authenticate(ctx, req);
  if ('reply' in auth) return auth.reply;
  if (!hasPermission(auth.user.permission, PERMISSION.DEVICE_VIEW)) return json({ result: ctx.codes.notPermitted });
  const { start = '0', count = '20', key, status, sort, order } = req.query;
  if (!/^\d{1,9}$/.test(start) || !/^\d{1,9}$/.test(count)) return json({ result: ctx.codes.invalidArg });

  const cacheKey = `${ctx.host}/${ctx.devices}`;
  let all = cache.get(cacheKey);
  if (!all) cache.set(cacheKey, (all = devicesFor(ctx.host, ctx.devices)));
  let list = applyUpgrades(all, ctx.deviceUpgrades, req.now);
  if (key) list = list.filter((d) => d.sn.includes(key) || d.name.includes(key));
  if (status) {
    // Union of the requested conditions, as documented.
    const wanted = status.split(',');
    list = list.filter(
      (d) =>
        (wanted.includes('offline') && d['online-date'] <= 0) || (wanted.includes('dev-warns') && d['dev-warns'] > 0),
    );
  }
  if (sort === 'sn' || sort === 'name') {
    const field = sort;
    list = [...list].sort((a, b) => a[field].localeCompare(b[field]));
    if (order === 'descending') list.reverse();
  }
  const total = list.length;
  const from = Number(start);
  const cap = ctx.variants.devicePageSize;
  const take = cap > 0 ? Math.min(cap, Number(count)) : Number(count);
  const body: Record<string, unknown> = { result: ctx.codes.ok, list: list.slice(from, from + take) };
  if (!ctx.variants.deviceListWithoutTotal) body.total = total;
  return json(applyValueVariants(body, ctx.variants));
}
