import type { TestApp } from './app.js';

export const V = { 'X-Experience-API-Version': '1.0.3' };

/** Creates an LRS client and returns its Basic credentials as a header. */
export async function lrsAuth(t: TestApp, scopes: string[] = ['all'], name = 'Test tool') {
  const c = await t.deps.xapi.clients.create({ name, scopes });
  return {
    Authorization: `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString('base64')}`,
    ...V,
    key: c.key,
    secret: c.secret,
  };
}

export const headersOf = (a: Awaited<ReturnType<typeof lrsAuth>>) => ({ Authorization: a.Authorization, ...V });

let n = 0;
export const aStatement = (over: Record<string, unknown> = {}) => ({
  actor: { objectType: 'Agent', name: 'Ada', mbox: `mailto:ada${++n}@example.org` },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
  object: { objectType: 'Activity', id: 'https://praxis.test/courses/c/lessons/l1' },
  ...over,
});
