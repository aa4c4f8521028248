import type { Ctx } from '../platform/db';

const CONDITIONS = {
  domestic: 'Exchanged under national law between services of the same state. Use for the prevention, detection and investigation of crime only.',
  bilateral: 'Use only for the purpose for which the information was provided. No onward transmission to a third state or agency without the provider\'s prior written consent. Personal data deleted when no longer needed for that purpose.',
  eu: 'Directive (EU) 2023/977 and national law implementing it. Personal data only as listed in its Annex; onward transmission to a third country needs the providing state\'s consent.',
  interpol: 'INTERPOL\'s Rules on the Processing of Data: the source\'s restrictions travel with the data; the General Secretariat reviews notices and diffusions for compliance with Articles 2 and 3 of the Constitution.',
};

type Row = [string, string, 'eu-2023-977' | 'bilateral' | 'interpol' | 'other', string, number | null, number | null, string];

/** The demo partnerships of DESIGN.md ("Demo partnerships are between agencies, each with its framework"). */
export const DEMO_PARTNERSHIPS: Row[] = [
  ['dgsn', 'dgst', 'other', 'Domestic cooperation (Moroccan law)', 4, 72, CONDITIONS.domestic],
  ['bka', 'bundespolizei', 'other', 'Domestic cooperation (German federal law)', 4, 72, CONDITIONS.domestic],
  ['policia', 'bka', 'eu-2023-977', 'Directive (EU) 2023/977', null, null, CONDITIONS.eu],
  ['policia', 'bundespolizei', 'eu-2023-977', 'Directive (EU) 2023/977', null, null, CONDITIONS.eu],
  ['dgsn', 'policia', 'bilateral', 'Morocco–Spain police cooperation agreement', 24, 240, CONDITIONS.bilateral],
  ['dgst', 'policia', 'bilateral', 'Morocco–Spain security cooperation agreement', 24, 240, CONDITIONS.bilateral],
  ['dgsn', 'bka', 'bilateral', 'Morocco–Germany police cooperation agreement', 24, 240, CONDITIONS.bilateral],
  ['dgsn', 'bundespolizei', 'bilateral', 'Morocco–Germany border and migration cooperation agreement', 24, 240, CONDITIONS.bilateral],
  ['dgsn', 'mps', 'bilateral', 'Morocco–China security cooperation agreement', 48, 336, CONDITIONS.bilateral],
  ['dgsn', 'interpol', 'interpol', 'INTERPOL channel (NCB Rabat)', 24, 168, CONDITIONS.interpol],
  ['policia', 'interpol', 'interpol', 'INTERPOL channel (NCB Madrid)', 24, 168, CONDITIONS.interpol],
  ['bka', 'interpol', 'interpol', 'INTERPOL channel (NCB Wiesbaden)', 24, 168, CONDITIONS.interpol],
  ['mps', 'interpol', 'interpol', 'INTERPOL channel (NCB Beijing)', 24, 168, CONDITIONS.interpol],
];

/** Loads the demo partnerships, all active, inside the demo loader's owner transaction. */
export async function loadDemoPartnerships(ctx: Ctx): Promise<number> {
  const agencies = new Map((await ctx.tx.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.code, a.id]));
  const since = new Date(Date.now() - 120 * 86_400_000);
  for (const [a, b, framework, instrument, urgent, normal, conditions] of DEMO_PARTNERSHIPS) {
    const row = await ctx.tx
      .insertInto('partnerships')
      .values({ proposer_agency_id: agencies.get(a)!, partner_agency_id: agencies.get(b)!, framework, instrument, urgent_hours: urgent, normal_hours: normal, transfer_conditions: conditions, status: 'active', created_at: since, updated_at: since, activated_at: since })
      .returning('id')
      .executeTakeFirstOrThrow();
    ctx.audit({ action: 'demo.partnership_loaded', objectType: 'partnership', objectId: row.id, subjectAgencyId: agencies.get(a)!, details: { framework } });
  }
  return DEMO_PARTNERSHIPS.length;
}
