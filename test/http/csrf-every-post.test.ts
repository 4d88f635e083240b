import { describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Express } from 'express';
import { csrfFrom, signedInWithRoles, testApp } from '../support/app.js';

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** Every state-changing route the app registers, with its parameters filled in. */
function postRoutes(app: Express): string[] {
  const found = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route && Object.keys(layer.route.methods).some((m) => ['post', 'put', 'patch', 'delete'].includes(m)))
        found.add(layer.route.path.replace(/[:*]\w+/g, 'x').replace(/[{}]/g, ''));
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  // Machine endpoints authenticate each request instead: the cmi5 fetch URL and the JSON APIs.
  return [...found].filter((p) => !p.startsWith('/cmi5/fetch/') && !p.startsWith('/api/'));
}

describe('CSRF on every post, with and without a session (issue 10, item 15)', () => {
  it('refuses every form post without a valid token, for visitors and for signed-in users', async () => {
    const t = await testApp();
    const routes = postRoutes(t.app);
    const visitor = request.agent(t.app);
    const anonymousToken = await csrfFrom(visitor, '/signin'); // the visitor now holds the cookie
    const { agent: admin } = await signedInWithRoles(t, ['learner', 'trainer', 'manager', 'admin']);

    const passed: string[] = [];
    for (const path of routes) {
      const tries = [
        await request(t.app).post(path).type('form').send({ a: '1' }),
        await visitor.post(path).type('form').send({ a: '1' }),
        await visitor.post(path).type('form').send({ a: '1', _csrf: 'a.forged' }),
        await admin.post(path).type('form').send({ a: '1' }),
        await admin.post(path).type('form').send({ a: '1', _csrf: anonymousToken }),
      ];
      tries.forEach((res, i) => {
        // A visitor may instead be sent to sign in first (upload routes check the role before parsing).
        const toSignIn = i < 3 && res.status === 303 && String(res.headers.location).startsWith('/signin');
        if (res.status !== 403 && !toSignIn) passed.push(`${path} (try ${i}): ${res.status}`);
      });
    }

    expect(routes.length).toBeGreaterThan(25);
    expect(passed).toEqual([]);
  });
});
