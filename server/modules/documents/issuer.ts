import { icaoIssuerOf } from '../../../common/mrz';
import type { Ctx } from '../../platform/db';

/**
 * The ICAO issuing code an agency registers documents under: its country's (agency.country, ISO alpha-2 → ICAO,
 * DE → D), or XPO for the INTERPOL General Secretariat, which issues INTERPOL travel documents.
 */
export async function agencyIssuer(ctx: Ctx): Promise<string | null> {
  const a = await ctx.tx.selectFrom('agencies').select(['country', 'type']).where('id', '=', ctx.actor.agencyId!).executeTakeFirst();
  if (!a) return null;
  if (a.type === 'interpol-gs') return 'XPO';
  return icaoIssuerOf(a.country);
}
