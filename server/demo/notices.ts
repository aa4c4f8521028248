import { randomUUID } from 'node:crypto';
import type { NoticeColour, NoticeKind, NoticeState, TNoticeSubject } from '../../common';
import type { Ctx } from '../platform/db';
import { ntx } from '../modules/notices';
import { namesOf } from '../modules/notices/commands/draft';
import { CHUNK_BYTES, encryptChunk, newDataKey, rechunk, wrapDataKey, type MasterKey } from '../platform/crypto';
import { syntheticPortrait } from './png';

interface DemoNotice {
  agency: string;
  desk: string;
  colour: NoticeColour;
  kind: NoticeKind;
  /** The steps taken so far, in order: drafted by liaison, submitted, approved by supervisor, published by reviewer. */
  reached: 'awaiting' | 'requested' | 'published';
  subject: TNoticeSubject;
  offence: string;
  warrantReference?: string;
  requestingAuthority?: string;
  addressees?: string[];
  /** A synthetic placeholder picture (a drawn silhouette of nobody) as the subject's photo. */
  syntheticPhoto?: boolean;
}

const person = (names: [string, 'primary' | 'alias' | 'transliteration'][], birth: string, nationality: string, gender: 'male' | 'female'): TNoticeSubject => ({
  type: 'person', names: names.map(([full, kind]) => ({ full, kind })), birthDates: [birth], nationalities: [nationality], gender, documents: [], languages: [],
});

/** Fictitious people (any likeness is chance): the gallery, review queue and screening have something to show. */
export const DEMO_NOTICES: DemoNotice[] = [
  {
    agency: 'policia', desk: 'ncb-madrid', colour: 'red', kind: 'notice', reached: 'published',
    subject: person([['Rachid Boukhari Amrani', 'primary'], ['رشيد البخاري العمراني', 'transliteration']], '1975-06-02', 'MA', 'male'),
    offence: 'Leading an organisation smuggling migrants by fast boat between the Moroccan coast and Andalusia; trafficking in human beings.',
    warrantReference: 'AN-JCI-2-2026-0117', requestingAuthority: 'Juzgado Central de Instrucción n.º 2, Audiencia Nacional, Madrid',
    syntheticPhoto: true,
  },
  {
    agency: 'bka', desk: 'ncb-wiesbaden', colour: 'red', kind: 'notice', reached: 'published',
    subject: person([['Dmitri Aleksandrovich Volkov', 'primary'], ['Дмитрий Александрович Волков', 'transliteration']], '1988-11-23', 'RU', 'male'),
    offence: 'Operating ransomware against German hospitals (computer sabotage, extortion in a particularly serious case).',
    warrantReference: 'BGH 3 BGs 412/26', requestingAuthority: 'Ermittlungsrichter beim Bundesgerichtshof, Karlsruhe',
  },
  {
    agency: 'dgsn', desk: 'ncb-rabat', colour: 'yellow', kind: 'notice', reached: 'published',
    subject: person([['Salma Idrissi', 'primary'], ['سلمى الإدريسي', 'transliteration']], '2010-04-17', 'MA', 'female'),
    offence: 'Missing minor, last seen in Tangier on 2 November 2026; possibly taken across the Strait.',
  },
  {
    agency: 'mps', desk: 'ncb-beijing', colour: 'blue', kind: 'notice', reached: 'published',
    subject: person([['Li Wei', 'primary'], ['李伟', 'transliteration']], '1982-08-09', 'CN', 'male'),
    offence: 'Sought to locate: suspected of running cross-border telecom fraud call centres.',
  },
  {
    agency: 'dgsn', desk: 'ncb-rabat', colour: 'blue', kind: 'diffusion', reached: 'published', addressees: ['policia', 'bka'],
    subject: person([['Youssef Alaoui Mernissi', 'primary'], ['يوسف العلوي المرنيسي', 'transliteration']], '1991-01-30', 'MA', 'male'),
    offence: 'Information requested on the movements of a suspected facilitator of a hashish trafficking network.',
  },
  {
    agency: 'mps', desk: 'ncb-beijing', colour: 'red', kind: 'notice', reached: 'requested',
    subject: person([['Zhang Hao', 'primary'], ['张浩', 'transliteration']], '1979-12-05', 'CN', 'male'),
    offence: 'Large-scale fraud through an illegal fund-raising scheme.',
    warrantReference: '沪公(经)逮字〔2026〕118号', requestingAuthority: 'Shanghai Municipal People’s Procuratorate',
  },
  {
    agency: 'policia', desk: 'ncb-madrid', colour: 'green', kind: 'notice', reached: 'awaiting',
    subject: person([['Khalid Benjelloun Fassi', 'primary']], '1984-07-12', 'MA', 'male'),
    offence: 'Repeatedly convicted of document fraud; likely to reoffend at border crossings.',
  },
];

/** Stores a picture as a notice's photo, encrypted at rest in the same format as uploads (server/platform/files). */
async function storeDemoPhoto(ctx: Ctx, master: MasterKey, noticeId: string, agencyId: string, userId: string, data: Buffer): Promise<void> {
  const id = randomUUID();
  const dataKey = newDataKey();
  const key = wrapDataKey(master, dataKey, id);
  const t = ntx(ctx.tx);
  const chunks: { idx: number; data: Buffer }[] = [];
  for await (const c of rechunk((async function* () { yield data; })(), CHUNK_BYTES)) chunks.push({ idx: c.index, data: encryptChunk(dataKey, id, c.index, c.final, c.data) });
  await t.insertInto('notice_photos').values({
    id, notice_id: noticeId, agency_id: agencyId, uploaded_by: userId, media_type: 'image/png', size_bytes: data.length, chunk_bytes: CHUNK_BYTES,
    chunk_count: chunks.length, key_id: key.keyId, wrapped_key: key.wrapped,
  }).execute();
  await t.insertInto('notice_photo_chunks').values(chunks.map((c) => ({ photo_id: id, idx: c.idx, data: c.data }))).execute();
  await t.updateTable('notice_photos').set({ status: 'ready' }).where('id', '=', id).execute();
}

/** Loads the demo notices with their history (inside the demo loader's owner transaction). */
export async function loadDemoNotices(ctx: Ctx, master: MasterKey): Promise<void> {
  const t = ntx(ctx.tx);
  const gs = await t.selectFrom('agencies').select('id').where('code', '=', 'interpol').executeTakeFirstOrThrow();
  const reviewer = await t.selectFrom('users').select('id').where('email', '=', 'reviewer@interpol.demo').executeTakeFirstOrThrow();
  let seq = 0;
  for (const d of DEMO_NOTICES) {
    const a = await t.selectFrom('agencies').select('id').where('code', '=', d.agency).executeTakeFirstOrThrow();
    const desk = await t.selectFrom('desks').select('id').where('agency_id', '=', a.id).where('code', '=', d.desk).executeTakeFirstOrThrow();
    const liaison = await t.selectFrom('users').select('id').where('email', '=', `liaison@${d.agency}.demo`).executeTakeFirstOrThrow();
    const supervisor = await t.selectFrom('users').select('id').where('email', '=', `supervisor@${d.agency}.demo`).executeTakeFirstOrThrow();
    const names = namesOf(d.subject);
    const state: NoticeState = d.reached === 'awaiting' ? 'draft' : d.reached === 'requested' ? 'requested' : 'published';
    const now = new Date();
    seq++;
    const reference = d.reached === 'awaiting' ? null : `${{ red: 'R', blue: 'B', green: 'G', yellow: 'Y', black: 'K', orange: 'O', purple: 'P', silver: 'S', un: 'U' }[d.colour]}${d.kind === 'diffusion' ? 'D' : ''}-${now.getUTCFullYear()}/9${String(seq).padStart(4, '0')}`;
    const { id } = await t.insertInto('notices').values({
      reference, colour: d.colour, kind: d.kind, state, awaiting_approval: d.reached === 'awaiting', agency_id: a.id, desk_id: desk.id,
      subject_type: d.subject.type, subject: JSON.stringify(d.subject), display_name: names.display, names_text: names.text,
      offence: d.offence, warrant_reference: d.warrantReference ?? null, requesting_authority: d.requestingAuthority ?? null, legal_basis: null,
      valid_until: null, handling_code: 'H0', tlp: d.kind === 'diffusion' ? 'AMBER' : 'GREEN', case_id: null, state_reason: null, created_by: liaison.id,
      requested_at: d.reached === 'awaiting' ? null : now, published_at: state === 'published' ? now : null, reviewed_at: d.reached === 'published' && d.kind === 'notice' ? now : null,
    }).returning('id').executeTakeFirstOrThrow();
    if (d.syntheticPhoto) await storeDemoPhoto(ctx, master, id, a.id, liaison.id, syntheticPortrait());
    if (d.addressees?.length) {
      const to = await t.selectFrom('agencies').select('id').where('code', 'in', d.addressees).execute();
      await t.insertInto('notice_addressees').values(to.map((x) => ({ notice_id: id, agency_id: x.id, notice_agency_id: a.id }))).execute();
    }
    const steps: [string, NoticeState | null, NoticeState, string, string][] = [
      ['drafted', null, 'draft', liaison.id, a.id],
      ['submitted', 'draft', 'draft', liaison.id, a.id],
    ];
    if (d.reached !== 'awaiting') steps.push([d.kind === 'diffusion' ? 'approved_published' : 'approved', 'draft', d.kind === 'diffusion' ? 'published' : 'requested', supervisor.id, a.id]);
    if (d.reached === 'published' && d.kind === 'notice') steps.push(['published', 'requested', 'published', reviewer.id, gs.id]);
    for (const [action, from, to, user, agency] of steps) {
      await t.insertInto('notice_events').values({ notice_id: id, action, from_state: from, to_state: to, actor_user_id: user, actor_agency_id: agency, reason: null }).execute();
    }
    ctx.audit({ action: 'notice.demo_loaded', objectType: 'notice', objectId: id, subjectAgencyId: a.id, details: { demo: true, colour: d.colour, kind: d.kind, state } });
  }
}
