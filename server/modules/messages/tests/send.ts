import { call, type Session, type TestEnv } from '../../../test/harness';

/** A message's required fields besides subject and recipients: unrestricted, evaluated, not a request. */
export const PLAIN_MESSAGE = { handlingCode: 'H0', tlp: 'AMBER', sourceReliability: 'B', infoAccuracy: 2, priority: 'normal' } as const;

/** Sends through the API as `as` (to `to` unless `o` names recipients) and returns the new message's id; throws on refusal. */
export async function sendVia(env: TestEnv, as: Session, caseId: string, to: string, o: Record<string, unknown>): Promise<string> {
  const r = await call(env, as, 'POST', `/api/cases/${caseId}/messages`, { ...PLAIN_MESSAGE, recipients: [{ agencyId: to }], ...o });
  if (r.statusCode !== 201) throw new Error(`send: ${r.statusCode} ${r.body}`);
  return r.json().message.id as string;
}
