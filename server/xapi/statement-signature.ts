import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { sameStatement } from './statement-compare.js';
import { isJson, type Statement } from '../ledger/statement.js';
import { fail } from './xapi-formats.js';

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/**
 * Checks a signed statement (xAPI 1.0.3 Data 2.6): the JWS uses an RS algorithm (XAPI-00117), its
 * payload is the statement as sent before signing (XAPI-00116), and when the header carries an
 * X.509 chain the signature must verify against its first certificate.
 */
export async function verifySignature(statement: Statement, jws: string, path: string): Promise<void> {
  const parts = jws.trim().split('.');
  if (parts.length !== 3) fail(path, 'the signature is not a compact JWS', 'XAPI-00115');
  let header: Record<string, unknown>;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(jws.trim());
    payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    fail(path, 'the signature payload is not a JSON serialisation of the statement', 'XAPI-00116');
  }
  if (!ALGORITHMS.includes(String(header.alg)))
    fail(path, 'the signature must use RS256, RS384 or RS512', 'XAPI-00117');
  if (!isJson(payload) || !sameStatement(payload, statement)) {
    fail(path, 'the signed payload differs from the statement', 'XAPI-00116');
  }
  const chain = header.x5c;
  if (Array.isArray(chain) && typeof chain[0] === 'string') {
    try {
      const pem = `-----BEGIN CERTIFICATE-----\n${chain[0]}\n-----END CERTIFICATE-----`;
      await compactVerify(jws.trim(), await importX509(pem, String(header.alg)));
    } catch {
      fail(path, 'the signature does not verify against its certificate', 'XAPI-00115');
    }
  }
}
