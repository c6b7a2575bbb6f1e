import { readonly, ref } from 'vue';

/**
 * A hash router with five screens is all this app needs (a router package would be most of a
 * kilobyte budget for nothing). Links are ordinary `<a href="#/…">`, so they work with the
 * keyboard, middle-click is harmless, and the Electron window never navigates away.
 */
export type Route =
  | { name: 'fleet' }
  | { name: 'hub'; hubId: string }
  | { name: 'discovery' }
  | { name: 'report' }
  | { name: 'settings' }
  // An opened site bundle (read-only), or the list of them without an id; with a hub id, that
  // bundled hub on its own page (#/bundle/<bundle id>/hub/<hub id>).
  | { name: 'bundles'; bundleId?: string; hubId?: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head, ...rest] = path.split('/');
  switch (head) {
    case 'hub': {
      const id = rest.length ? decodeURIComponent(rest.join('/')) : '';
      return id ? { name: 'hub', hubId: id } : { name: 'fleet' };
    }
    case 'bundles':
      return { name: 'bundles' };
    case 'bundle': {
      // Ids never hold a '/' (encoded, they would be %2F), so the parts split cleanly.
      if (rest.length === 3 && rest[1] === 'hub' && rest[0] && rest[2])
        return { name: 'bundles', bundleId: decodeURIComponent(rest[0]), hubId: decodeURIComponent(rest[2]) };
      const id = rest.length ? decodeURIComponent(rest.join('/')) : '';
      return id ? { name: 'bundles', bundleId: id } : { name: 'bundles' };
    }
    case 'discovery':
    case 'report':
    case 'settings':
      return { name: head };
    default:
      return { name: 'fleet' };
  }
}

export function routeHref(route: Route): string {
  if (route.name === 'hub') return `#/hub/${encodeURIComponent(route.hubId)}`;
  if (route.name === 'bundles' && route.bundleId && route.hubId)
    return `#/bundle/${encodeURIComponent(route.bundleId)}/hub/${encodeURIComponent(route.hubId)}`;
  if (route.name === 'bundles' && route.bundleId) return `#/bundle/${encodeURIComponent(route.bundleId)}`;
  return `#/${route.name}`;
}

const current = ref<Route>(typeof location === 'undefined' ? { name: 'fleet' } : parseHash(location.hash));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    current.value = parseHash(location.hash);
  });
}

export const route = readonly(current);

export function navigate(to: Route): void {
  const href = routeHref(to);
  if (location.hash !== href) location.hash = href;
  current.value = to;
}
