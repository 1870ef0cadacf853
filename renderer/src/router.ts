import { useSyncExternalStore } from 'react';

/** Hash routes (they work the same from file:// in Electron and over HTTP): #/, #/connections/erp, #/runs/<id> … */
export interface Route {
  screen: 'status' | 'connections' | 'pipelines' | 'runs' | 'conflicts' | 'settings' | 'setup';
  /** The path segments after the screen, decoded. */
  params: string[];
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
  const screens: Route['screen'][] = ['status', 'connections', 'pipelines', 'runs', 'conflicts', 'settings', 'setup'];
  const first = parts[0] as Route['screen'] | undefined;
  if (!first || !screens.includes(first)) return { screen: 'status', params: [] };
  return { screen: first, params: parts.slice(1) };
}

export const href = (screen: Route['screen'], ...params: string[]) => `#/${[screen, ...params.map(encodeURIComponent)].join('/')}`;
export const navigate = (screen: Route['screen'], ...params: string[]) => {
  window.location.hash = href(screen, ...params);
};

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
