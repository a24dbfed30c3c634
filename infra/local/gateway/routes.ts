/**
 * API Gateway v2 route keys (`POST /api/runs/{runId}`, `ANY /x/{proxy+}`) matched the way API Gateway does:
 * the most specific route wins (literal segments before parameters, a greedy parameter last).
 */
export interface CompiledRoute<T> {
  routeKey: string;
  method: string;
  segments: Array<{ literal: string } | { param: string; greedy: boolean }>;
  target: T;
}

export interface RouteMatch<T> {
  route: CompiledRoute<T>;
  pathParameters: Record<string, string>;
}

export function compileRoute<T>(routeKey: string, target: T): CompiledRoute<T> {
  const [method, path] = routeKey.trim().split(/\s+/, 2);
  if (!method || !path?.startsWith('/')) throw new Error(`Not a route key: ${routeKey}`);
  const segments = pathParts(path).map((s) => {
    const param = /^\{([A-Za-z0-9_]+)(\+)?\}$/.exec(s);
    return param ? { param: param[1], greedy: Boolean(param[2]) } : { literal: s };
  });
  return { routeKey: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), segments, target };
}

/** `rawPath` is matched segment by segment; parameters are URL-decoded as API Gateway passes them. */
export function matchRoute<T>(routes: CompiledRoute<T>[], method: string, rawPath: string): RouteMatch<T> | undefined {
  const parts = pathParts(rawPath);
  let best: { match: RouteMatch<T>; score: number[] } | undefined;
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method.toUpperCase()) continue;
    const pathParameters = matchSegments(route, parts);
    if (!pathParameters) continue;
    const score = specificity(route);
    if (!best || compareScores(score, best.score) > 0) best = { match: { route, pathParameters }, score };
  }
  return best?.match;
}

function matchSegments<T>(route: CompiledRoute<T>, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i];
    if ('literal' in segment) {
      if (parts[i] !== segment.literal) return undefined;
      continue;
    }
    if (segment.greedy) {
      const rest = parts.slice(i);
      if (!rest.length || rest.every((p) => p === '')) return undefined;
      params[segment.param] = safeDecode(rest.join('/'));
      return params;
    }
    if (parts[i] === undefined || parts[i] === '') return undefined;
    params[segment.param] = safeDecode(parts[i]);
  }
  return parts.length === route.segments.length ? params : undefined;
}

/** Literal segments first (from the left), then exact methods over ANY, greedy parameters last. */
function specificity<T>(route: CompiledRoute<T>): number[] {
  const greedy = route.segments.some((s) => 'greedy' in s && s.greedy) ? 0 : 1;
  return [greedy, ...route.segments.map((s) => ('literal' in s ? 2 : 1)), route.method === 'ANY' ? 0 : 1];
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** `/` -> [], `/api/runs/` -> ['api', 'runs'] */
function pathParts(path: string): string[] {
  const parts = path.split('/').slice(1);
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
