import {
  fail,
  isIri,
  isMbox,
  isObject,
  isSha1,
  onlyKeys,
  requireObject,
  requireString,
  type Json,
} from './xapi-formats.js';

/** Actor rules of xAPI 1.0.3 Data 2.4.2. */

const AGENT_KEYS = ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account'];
const GROUP_KEYS = [...AGENT_KEYS, 'member'];
const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function checkIfis(o: Json, path: string): number {
  const present = IFIS.filter((k) => o[k] !== undefined);
  if (o.mbox !== undefined && !isMbox(o.mbox)) fail(`${path}.mbox`, 'must be a mailto: IRI', 'XAPI-00040');
  if (o.mbox_sha1sum !== undefined && !isSha1(o.mbox_sha1sum))
    fail(`${path}.mbox_sha1sum`, 'must be a hex SHA-1', 'XAPI-00041');
  if (o.openid !== undefined && !isIri(o.openid)) fail(`${path}.openid`, 'must be a URI', 'XAPI-00042');
  if (o.account !== undefined) {
    const acc = requireObject(o.account, `${path}.account`);
    onlyKeys(acc, ['homePage', 'name'], `${path}.account`);
    if (!isIri(acc.homePage)) fail(`${path}.account.homePage`, 'must be an IRL', 'XAPI-00044');
    requireString(acc.name, `${path}.account.name`, 'XAPI-00045');
  }
  if (o.name !== undefined) requireString(o.name, `${path}.name`);
  return present.length;
}

export function checkAgent(v: unknown, path: string): void {
  const a = requireObject(v, path);
  if (a.objectType !== undefined && a.objectType !== 'Agent') fail(`${path}.objectType`, 'must be "Agent"');
  onlyKeys(a, AGENT_KEYS, path);
  if (checkIfis(a, path) !== 1) fail(path, 'an Agent has exactly one inverse functional identifier', 'XAPI-00038');
}

export function checkGroup(v: unknown, path: string): void {
  const g = requireObject(v, path);
  if (g.objectType !== 'Group') fail(`${path}.objectType`, 'must be "Group"', 'XAPI-00037');
  onlyKeys(g, GROUP_KEYS, path);
  const ifis = checkIfis(g, path);
  if (ifis > 1) fail(path, 'a Group has at most one inverse functional identifier', 'XAPI-00034');
  if (g.member !== undefined) {
    if (!Array.isArray(g.member)) fail(`${path}.member`, 'must be an array of Agents');
    g.member.forEach((m, i) => {
      if (isObject(m) && m.objectType === 'Group')
        fail(`${path}.member[${i}]`, 'a Group cannot contain Groups', 'XAPI-00036');
      checkAgent(m, `${path}.member[${i}]`);
    });
  } else if (ifis === 0) {
    fail(`${path}.member`, 'an anonymous Group lists its members', 'XAPI-00035');
  }
}

export function checkActor(v: unknown, path: string): void {
  const o = requireObject(v, path, 'XAPI-00039');
  if (o.objectType === 'Group') checkGroup(o, path);
  else checkAgent(o, path);
}

/** Authority: an Agent, or a two-member Group for a 3-legged OAuth consumer and user (XAPI-00095). */
export function checkAuthority(v: unknown, path: string): void {
  const o = requireObject(v, path);
  if (o.objectType === 'Group') {
    checkGroup(o, path);
    if (IFIS.some((k) => o[k] !== undefined))
      fail(path, 'an authority Group is anonymous (consumer and user only)', 'XAPI-00100');
    if (!Array.isArray(o.member) || o.member.length !== 2)
      fail(`${path}.member`, 'an authority Group has exactly two Agents', 'XAPI-00095');
  } else checkAgent(o, path);
}
