import XAPIModule from '@xapi/xapi';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { lrsAuth } from '../support/xapi.js';

const XAPI = XAPIModule.default;
type Statement = Parameters<InstanceType<typeof XAPI>['sendStatement']>[0]['statement'];
// @xapi/xapi 3.0.3 sends any version it is given, but its types predate 2.0 (no '2.0.0', no contextAgents).
const V2 = '2.0.0' as unknown as NonNullable<ConstructorParameters<typeof XAPI>[0]['version']>;
const as20 = (s: object): Statement => s as Statement;

describe('interoperability with the @xapi/xapi client', () => {
  let server: Server;
  let xapi: InstanceType<typeof XAPI>;
  let xapi2: InstanceType<typeof XAPI>;
  const actor = { objectType: 'Agent' as const, name: 'Amina', mbox: 'mailto:amina@example.org' };
  const activityId = 'https://praxis.test/courses/line-up-live-up/sessions/1';

  beforeAll(async () => {
    const t = await testApp();
    const client = await lrsAuth(t);
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    xapi = new XAPI({ endpoint: `http://127.0.0.1:${port}/xapi`, auth: XAPI.toBasicAuth(client.key, client.secret) });
    xapi2 = new XAPI({
      endpoint: `http://127.0.0.1:${port}/xapi`,
      auth: XAPI.toBasicAuth(client.key, client.secret),
      version: V2,
    });
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  );

  it('stores, pages with more, voids and reads state against a running Praxis', async () => {
    const sent = await xapi.sendStatements({
      statements: [1, 2, 3].map(() => ({
        actor,
        verb: XAPI.Verbs.PROGRESSED,
        object: { objectType: 'Activity' as const, id: activityId },
      })),
    });
    await xapi.voidStatement({ actor, statementId: sent.data[0] });

    const first = await xapi.getStatements({ verb: XAPI.Verbs.PROGRESSED.id, limit: 1, ascending: true });
    const second = (await xapi.getMoreStatements({ more: first.data.more! })) as Awaited<typeof first>;
    const voided = await xapi.getVoidedStatement({ voidedStatementId: sent.data[0] });
    await xapi.setState({ agent: actor, activityId, stateId: 'bookmark', state: { page: 4 } });
    const state = await xapi.getState({ agent: actor, activityId, stateId: 'bookmark' });

    expect(first.data.statements.map((s) => s.id)).toEqual([sent.data[1]]);
    expect(second.data.statements.map((s) => s.id)).toEqual([sent.data[2]]);
    expect(voided.data.id).toBe(sent.data[0]);
    expect(state.data).toEqual({ page: 4 });
  });

  it('speaks 2.0.0 with a client set to that version: contextAgents stored, found by related_agents', async () => {
    const coach = { objectType: 'Agent' as const, mbox: 'mailto:coach-interop@example.org' };
    const context = { contextAgents: [{ objectType: 'contextAgent' as const, agent: coach }] };
    const statement = {
      actor,
      verb: XAPI.Verbs.PROGRESSED,
      object: { objectType: 'Activity' as const, id: activityId },
      context,
    };
    const sent = await xapi2.sendStatement({ statement: as20(statement) });
    const byCoach = await xapi2.getStatements({ agent: coach, related_agents: true });
    const asOld = await xapi.getStatement({ statementId: sent.data[0]! });

    expect(sent.headers['x-experience-api-version']).toBe('2.0.0');
    expect(byCoach.data.statements.map((s) => s.id)).toEqual([sent.data[0]]);
    expect(byCoach.data.statements[0]?.version).toBe('2.0.0');
    expect(byCoach.data.statements[0]?.context).toEqual(context);
    expect(asOld.headers['x-experience-api-version']).toBe('1.0.3');
    expect(asOld.data.context).toBeUndefined();
  });
});
