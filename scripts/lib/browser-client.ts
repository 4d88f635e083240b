/** A cookie-keeping HTTP client that fills in forms the way a browser does (CSRF token from the page). */
export class BrowserClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader);
    const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [kv = ''] = c.split(';');
      const at = kv.indexOf('=');
      if (at <= 0) continue;
      // A cookie cleared by the server (empty, or expired) leaves the jar, as a browser drops it.
      const expires = /;\s*expires=([^;]+)/i.exec(c)?.[1];
      const cleared =
        kv.length === at + 1 || /;\s*max-age=0/i.test(c) || (!!expires && Date.parse(expires) <= Date.now());
      if (cleared) this.cookies.delete(kv.slice(0, at));
      else this.cookies.set(kv.slice(0, at), kv.slice(at + 1));
    }
    return res;
  }

  /** GETs the page, then posts its form with the CSRF token it carries. */
  async submit(page: string, action: string, fields: Record<string, string>): Promise<Response> {
    const html = await (await this.call(page)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${page}`);
    return this.call(action, {
      method: 'POST',
      body: new URLSearchParams({ ...fields, _csrf: token }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
}

export const LESSON_PATH = '/courses/line-up-live-up/modules/m1-sport-and-prevention/lessons/l1-from-doha-to-the-field';

/** Registers a learner through the form and enrols them in Line Up Live Up; returns the signed-in client. */
export async function registeredLearner(base: string, email: string, password: string): Promise<BrowserClient> {
  const client = new BrowserClient(base);
  const reg = await client.submit('/register', '/register', {
    email,
    password,
    passwordConfirm: password,
    displayName: 'Load Test',
    country: 'KE',
    sex: 'female',
    sector: 'police',
    organisation: '',
    language: 'en',
  });
  if (reg.status !== 303) throw new Error(`registration failed: ${reg.status} ${(await reg.text()).slice(0, 300)}`);
  const enrol = await client.submit('/courses/line-up-live-up', '/courses/line-up-live-up/enrol', {});
  if (enrol.status !== 303) throw new Error(`enrolment failed: ${enrol.status}`);
  const lesson = await client.call(LESSON_PATH);
  if (lesson.status !== 200) throw new Error(`the lesson page answered ${lesson.status}`);
  return client;
}
