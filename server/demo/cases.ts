import { randomUUID } from 'node:crypto';
import type { CrimeArea } from '../../common';
import type { Ctx } from '../platform/db';

interface DemoTask { title: string; assignee: string; dueInDays: number; done?: boolean }
interface DemoCase {
  title: string;
  summary: string;
  crimeAreas: CrimeArea[];
  owner: [agency: string, desk: string, opener: string];
  /** Who invited the partners (a liaison: inviting needs `request.start`); the opener by default. */
  inviter?: string;
  restricted: boolean;
  /** Named members by e-mail. */
  members: string[];
  /** Partners: agency, desk, status, who answered (e-mail). */
  partners: [agency: string, desk: string | null, status: 'active' | 'invited', answeredBy: string | null][];
  tasks: DemoTask[];
}

/** Three cases drawn from the source articles' themes. */
export const DEMO_CASES: DemoCase[] = [
  {
    title: 'Go-fast boat network across the Strait (Tangier–Algeciras)',
    summary:
      'A network organises night crossings of the Strait of Gibraltar on go-fast boats leaving the coast east of Tangier for beaches near Algeciras and Tarifa. ' +
      'Passengers pay 3,000 to 5,000 euros each; the organisers use prepaid phones bought in Ceuta and boats registered in Gibraltar. ' +
      'A joint investigation team of the DGSN and the Policía Nacional (UCRIF) identifies the organisers on both shores.',
    crimeAreas: ['migrant-smuggling', 'trafficking-in-human-beings', 'organised-crime'],
    owner: ['dgsn', 'intl-coop', 'liaison@dgsn.demo'],
    restricted: true,
    members: ['liaison@dgsn.demo', 'officer@dgsn.demo', 'liaison@policia.demo', 'officer@policia.demo'],
    partners: [['policia', 'ucrif', 'active', 'liaison@policia.demo']],
    tasks: [
      { title: 'Identify the skippers of the two boats intercepted off Tarifa', assignee: 'officer@dgsn.demo', dueInDays: -3 },
      { title: 'Check Algeciras port entries against the Gibraltar boat registrations', assignee: 'officer@policia.demo', dueInDays: 4 },
      { title: 'Share the prepaid phone numbers seized in Tangier', assignee: 'liaison@dgsn.demo', dueInDays: -10, done: true },
    ],
  },
  {
    title: 'Online investment-fraud ring targeting Moroccan and Chinese victims',
    summary:
      'Call centres pose as investment platforms on social networks and messaging apps, in Arabic and Chinese, and collect deposits in crypto-assets. ' +
      'Victims in Casablanca, Rabat and Guangdong; the deposit wallets are swept to exchanges within hours. The DGSN cybercrime desk and the MPS cybersecurity bureau trace the money and the operators.',
    crimeAreas: ['cybercrime', 'money-laundering'],
    owner: ['dgsn', 'cyber', 'analyst@dgsn.demo'],
    inviter: 'liaison@dgsn.demo',
    restricted: false,
    members: ['liaison@mps.demo', 'officer@mps.demo'],
    partners: [['mps', 'cyber', 'active', 'liaison@mps.demo']],
    tasks: [
      { title: 'Trace the deposit wallets to the exchanges', assignee: 'analyst@dgsn.demo', dueInDays: 7 },
      { title: 'Identify the registrants of the fake investment domains', assignee: 'officer@mps.demo', dueInDays: -1 },
    ],
  },
  {
    title: 'Cocaine and hashish route Algeciras – Rhine-Ruhr',
    summary:
      'Hashish from northern Morocco and cocaine shipped in fruit containers through Algeciras reach warehouses near Duisburg by lorry. ' +
      'The Policía Nacional (UDYCO) and the BKA follow the consignments and the companies that rent the warehouses; the Bundespolizei is asked to watch the lorries at the border.',
    crimeAreas: ['drug-trafficking', 'organised-crime', 'money-laundering'],
    owner: ['policia', 'udyco', 'liaison@policia.demo'],
    restricted: false,
    members: ['officer@bka.demo'],
    partners: [
      ['bka', 'ncb-wiesbaden', 'active', 'liaison@bka.demo'],
      ['bundespolizei', null, 'invited', null],
    ],
    tasks: [
      { title: 'Analyse six months of container manifests from Algeciras', assignee: 'officer@policia.demo', dueInDays: 10 },
      { title: 'Check the lease holders of the Duisburg warehouses', assignee: 'officer@bka.demo', dueInDays: 2 },
    ],
  },
];

/** Loads the demo cases (participants, members, tasks and a timeline) inside the demo loader's owner transaction. */
export async function loadDemoCases(ctx: Ctx): Promise<number> {
  const agencies = new Map((await ctx.tx.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.code, a.id]));
  const desks = new Map((await ctx.tx.selectFrom('desks').select(['id', 'code', 'agency_id']).execute()).map((d) => [`${d.agency_id}/${d.code}`, d.id]));
  const users = new Map((await ctx.tx.selectFrom('users').select(['id', 'email', 'agency_id', 'display_name']).execute()).map((u) => [u.email, u]));
  const user = (email: string) => {
    const u = users.get(email);
    if (!u) throw new Error(`demo user ${email} is missing`);
    return u;
  };
  const desk = (agency: string, code: string) => desks.get(`${agencies.get(agency)}/${code}`)!;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  for (const [n, dc] of DEMO_CASES.entries()) {
    const id = randomUUID();
    const [ownerCode, ownerDesk, openerEmail] = dc.owner;
    const owner = agencies.get(ownerCode)!;
    const opener = user(openerEmail);
    // A believable history: opened some weeks ago, the rest in the days after.
    let at = Date.now() - (30 - n * 7) * 86_400_000;
    const next = (hours = 5) => new Date((at += hours * 3_600_000));
    const event = async (actor: { id: string; agency_id: string }, kind: string, object: [string, string], details: Record<string, unknown> = {}) =>
      ctx.tx.insertInto('case_events').values({ case_id: id, at: next(), actor_user_id: actor.id, actor_agency_id: actor.agency_id, kind, object_type: object[0], object_id: object[1], details: JSON.stringify(details) }).execute();

    const openedAt = next(0);
    await ctx.tx.insertInto('cases').values({ id, agency_id: owner, desk_id: desk(ownerCode, ownerDesk), title: dc.title, summary: dc.summary, crime_areas: dc.crimeAreas, restricted: dc.restricted, created_by: opener.id, created_at: openedAt, updated_at: openedAt }).execute();
    await ctx.tx.insertInto('case_participants').values({ case_id: id, agency_id: owner, role: 'owner', status: 'active', desk_id: desk(ownerCode, ownerDesk), invited_at: openedAt, responded_at: openedAt, responded_by: opener.id }).execute();
    await event(opener, 'case.opened', ['case', id], { restricted: dc.restricted, crimeAreas: dc.crimeAreas });

    const name = async (email: string, by: { id: string; agency_id: string }) => {
      const m = user(email);
      await ctx.tx.insertInto('case_members').values({ case_id: id, user_id: m.id, agency_id: m.agency_id, display_name: m.display_name, named_by: by.id, named_at: next(0) }).execute();
      await event(by, 'member.named', ['member', m.id], { agencyId: m.agency_id });
    };
    for (const email of dc.members.filter((e) => user(e).agency_id === owner)) await name(email, opener);

    const inviter = user(dc.inviter ?? openerEmail);
    for (const [code, deskCode, status, answeredBy] of dc.partners) {
      const agency = agencies.get(code)!;
      await ctx.tx.insertInto('case_participants').values({
        case_id: id, agency_id: agency, role: 'participant', status, desk_id: deskCode ? desk(code, deskCode) : null, invited_by: inviter.id, invited_by_agency_id: owner, invited_at: next(),
        invitation_title: dc.title, invitation_crime_areas: dc.crimeAreas, invitation_restricted: dc.restricted, invitation_note: '',
        ...(answeredBy && { responded_by: user(answeredBy).id, responded_at: next(0) }),
      }).execute();
      await event(inviter, 'participant.invited', ['participant', agency], { agencyId: agency });
      if (status === 'active' && answeredBy) {
        const who = user(answeredBy);
        await event(who, 'participant.accepted', ['participant', agency], { agencyId: agency });
        for (const email of dc.members.filter((e) => user(e).agency_id === agency)) await name(email, who);
      }
    }

    for (const t of dc.tasks) {
      const a = user(t.assignee);
      const creator = a.agency_id === owner ? opener : user(dc.partners.find(([c]) => agencies.get(c) === a.agency_id)![3]!);
      const task = await ctx.tx.insertInto('case_tasks').values({
        case_id: id, title: t.title, assignee_id: a.id, assignee_agency_id: a.agency_id, due_on: day(t.dueInDays), created_by: creator.id, created_agency_id: creator.agency_id, created_at: next(),
        ...(t.done && { status: 'done', done_at: next(24), done_by: a.id }),
      }).returning('id').executeTakeFirstOrThrow();
      await event(creator, 'task.created', ['task', task.id], { dueOn: day(t.dueInDays) });
      if (t.done) await event(a, 'task.done', ['task', task.id]);
    }
    ctx.audit({ action: 'demo.case_loaded', objectType: 'case', objectId: id, subjectAgencyId: owner });
  }
  return DEMO_CASES.length;
}
