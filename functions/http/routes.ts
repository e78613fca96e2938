// Finds the declared route for a method and path; the fallback function and the local runtime both use it.
import { routes, type Method, type Route, type RouteKey } from '../../infra/wiring.ts';

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: Method[] }
  | { kind: 'none' };

export const keyOf = (route: Route): RouteKey => `${route.method} ${route.path}` as RouteKey;

export function routeByKey(key: string): Route | undefined {
  return routes.find((route) => keyOf(route) === key);
}

// A malformed escape such as "%E0%A4%A" must not throw (a 500): keep it as sent and let the params schema reject it.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const segment = got[i] ?? '';
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name) {
      if (segment === '') return undefined;
      params[name] = decodeSegment(segment);
    } else if (part !== segment) return undefined;
  }
  return params;
}

export function findRoute(method: string, path: string): RouteMatch {
  const allowed: Method[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
}
