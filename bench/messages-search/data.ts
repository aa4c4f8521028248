/**
 * Synthetic but realistic mailbox for the search benchmark: agencies of six languages, cases shared by two to five of
 * them (some restricted to named members), and messages written in the sender agency's language. Word choice is
 * skewed (the first words of each list are the most frequent, as in real text: function words, then the trade's
 * vocabulary), with names, telephone numbers and number plates as the rare, selective words officers look for.
 * Everything is written as the owner with SQL (generate_series), the search vector exactly as the send command
 * computes it (every configuration of SEARCH_CONFIGS, subject weighted A).
 */
import { SEARCH_CONFIGS } from '../../server/modules/messages/deadlines';

export const LANGS: { code: string; cfg: string; words: string[] }[] = [
  { code: 'en', cfg: 'english', words: ['the', 'of', 'and', 'to', 'in', 'on', 'at', 'with', 'from', 'was', 'suspect', 'vehicle', 'meeting', 'phone', 'border', 'transfer', 'container', 'harbour', 'shipment', 'cocaine', 'account', 'company', 'passport', 'flight', 'airport', 'network', 'courier', 'warehouse', 'truck', 'cargo', 'smuggling', 'surveillance', 'arrest', 'witness', 'invoice', 'cash', 'firearms', 'trafficking', 'laundering', 'vessel', 'crew', 'hotel', 'rented', 'registered', 'observed', 'departed', 'arrived', 'contact', 'identified', 'address', 'apartment', 'bank', 'wallet', 'crypto', 'payment', 'forged', 'documents', 'migrants', 'boat', 'coast', 'night', 'morning', 'checkpoint', 'seized', 'kilograms', 'heroin', 'cannabis', 'pistol', 'ammunition', 'ledger', 'shell', 'offshore', 'beneficiary', 'nominee', 'encrypted', 'handset', 'subscriber', 'roaming'] },
  { code: 'fr', cfg: 'french', words: ['le', 'la', 'de', 'et', 'les', 'du', 'un', 'une', 'dans', 'avec', 'suspect', 'véhicule', 'réunion', 'téléphone', 'frontière', 'virement', 'conteneur', 'port', 'cargaison', 'cocaïne', 'compte', 'société', 'passeport', 'vol', 'aéroport', 'réseau', 'passeur', 'entrepôt', 'camion', 'fret', 'contrebande', 'surveillance', 'interpellation', 'témoin', 'facture', 'espèces', 'armes', 'trafic', 'blanchiment', 'navire', 'équipage', 'hôtel', 'loué', 'immatriculé', 'observé', 'parti', 'arrivé', 'contact', 'identifié', 'adresse', 'appartement', 'banque', 'portefeuille', 'paiement', 'faux', 'documents', 'migrants', 'embarcation', 'côte', 'nuit', 'matin', 'saisie', 'kilogrammes', 'héroïne', 'résine', 'pistolet', 'munitions'] },
  { code: 'es', cfg: 'spanish', words: ['el', 'la', 'de', 'y', 'en', 'los', 'del', 'con', 'un', 'una', 'sospechoso', 'vehículo', 'reunión', 'teléfono', 'frontera', 'transferencia', 'contenedor', 'puerto', 'cargamento', 'cocaína', 'cuenta', 'empresa', 'pasaporte', 'vuelo', 'aeropuerto', 'red', 'correo', 'almacén', 'camión', 'carga', 'contrabando', 'vigilancia', 'detención', 'testigo', 'factura', 'efectivo', 'armas', 'tráfico', 'blanqueo', 'buque', 'tripulación', 'hotel', 'alquilado', 'matriculado', 'observado', 'salió', 'llegó', 'contacto', 'identificado', 'domicilio', 'piso', 'banco', 'monedero', 'pago', 'falsos', 'documentos', 'migrantes', 'embarcación', 'costa', 'noche', 'mañana', 'incautación', 'kilos', 'heroína', 'hachís', 'pistola', 'munición', 'narcolancha'] },
  { code: 'de', cfg: 'german', words: ['der', 'die', 'das', 'und', 'in', 'mit', 'von', 'am', 'im', 'ein', 'Verdächtiger', 'Fahrzeug', 'Treffen', 'Telefon', 'Grenze', 'Überweisung', 'Container', 'Hafen', 'Lieferung', 'Kokain', 'Konto', 'Firma', 'Reisepass', 'Flug', 'Flughafen', 'Netzwerk', 'Kurier', 'Lagerhalle', 'Lastwagen', 'Fracht', 'Schmuggel', 'Observation', 'Festnahme', 'Zeuge', 'Rechnung', 'Bargeld', 'Waffen', 'Handel', 'Geldwäsche', 'Schiff', 'Besatzung', 'Hotel', 'gemietet', 'zugelassen', 'beobachtet', 'abgefahren', 'angekommen', 'Kontakt', 'identifiziert', 'Anschrift', 'Wohnung', 'Bank', 'Wallet', 'Zahlung', 'gefälschte', 'Dokumente', 'Migranten', 'Boot', 'Küste', 'Nacht', 'Morgen', 'Sicherstellung', 'Kilogramm', 'Heroin', 'Schleuser', 'Pistole', 'Munition'] },
  { code: 'ar', cfg: 'arabic', words: ['في', 'من', 'على', 'إلى', 'مع', 'عن', 'بعد', 'قبل', 'المشتبه', 'سيارة', 'لقاء', 'هاتف', 'الحدود', 'تحويل', 'حاوية', 'ميناء', 'شحنة', 'كوكايين', 'حساب', 'شركة', 'جواز', 'رحلة', 'مطار', 'شبكة', 'مستودع', 'شاحنة', 'تهريب', 'مراقبة', 'اعتقال', 'شاهد', 'فاتورة', 'نقدا', 'أسلحة', 'اتجار', 'غسل', 'سفينة', 'طاقم', 'فندق', 'مستأجرة', 'مسجلة', 'لوحظ', 'غادر', 'وصل', 'اتصال', 'تحديد', 'عنوان', 'شقة', 'بنك', 'محفظة', 'دفع', 'مزورة', 'وثائق', 'مهاجرين', 'قارب', 'الساحل', 'ليلا', 'صباحا', 'حجز', 'كيلوغرام', 'هيروين', 'مخدرات', 'مسدس', 'ذخيرة'] },
  { code: 'zh', cfg: 'simple', words: ['嫌疑人', '车辆', '会面', '电话', '边境', '转账', '集装箱', '港口', '货物', '可卡因', '账户', '公司', '护照', '航班', '机场', '网络', '快递员', '仓库', '卡车', '走私', '监视', '逮捕', '证人', '发票', '现金', '武器', '贩运', '洗钱', '船只', '船员', '酒店', '租用', '登记', '离开', '抵达', '联系人', '地址', '公寓', '银行', '钱包', '付款', '伪造', '文件', '偷渡者', '海岸', '夜间', '上午', '查获', '公斤', '海洛因', '手枪', '弹药'] },
];

export const SURNAMES = ['Benali', 'Haddad', 'El Amrani', 'Tazi', 'Ouazzani', 'García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Dubois', 'Lefebvre', 'Moreau', 'Laurent', 'Girard', 'Rossi', 'Bianchi', 'Kowalski', 'Nowak', 'Popescu', 'Ionescu', 'Yılmaz', 'Kaya', 'Demir', 'Okafor', 'Adeyemi', 'Diallo', 'Ndiaye', 'Mensah', 'Wang', 'Zhang', 'Chen', 'Liu', 'Huang', 'Nguyen', 'Silva', 'Santos', 'Oliveira', 'Pereira', 'Costa', 'Novak', 'Horvat', 'Kovačević', 'Petrov', 'Ivanov', 'Smirnov', 'Hassan', 'Mahmoud', 'Ibrahim', 'Mansour', 'Khalil', 'Saleh', 'Bakr', 'Yousef', 'Nasser'];

const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** The search vector, written exactly as server/modules/messages/commands/send.ts writes it. */
export function vectorSql(subject: string, body: string): string {
  return SEARCH_CONFIGS.map((c) => `setweight(to_tsvector('${c}'::regconfig, ${subject}), 'A') || to_tsvector('${c}'::regconfig, ${body})`).join(' || ');
}

export interface Shape { agencies: number; cases: number; messages: number }

/**
 * Reference tables (bench_*) and the fixed world: agencies (one desk, three users each: an officer, a RED reader,
 * a liaison), cases with their participants and, for restricted ones, members. Agency 0 is the large agency the
 * benchmark reads as: it takes part in a quarter of all cases on top of its share.
 */
export function worldSql(s: Shape, hash: string): string {
  return `
  SELECT setseed(0.4242);
  CREATE TABLE bench_lang (k int PRIMARY KEY, code text, cfg text, words text[], n int);
  INSERT INTO bench_lang VALUES ${LANGS.map((l, k) => `(${k}, '${l.code}', '${l.cfg}', ${arr(l.words)}, ${l.words.length})`).join(',\n')};
  CREATE TABLE bench_agency (n int PRIMARY KEY, id uuid, desk uuid, officer uuid, reader uuid, liaison uuid, lang int);
  INSERT INTO bench_agency SELECT a, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), a % ${LANGS.length} FROM generate_series(0, ${s.agencies - 1}) a;
  INSERT INTO agencies (id, code, name, country, type, languages) SELECT id, 'bench-' || n, 'Bench agency ' || n, (ARRAY['MA','FR','ES','DE','EG','CN'])[1 + lang], 'police', ARRAY[(SELECT code FROM bench_lang WHERE k = lang)] FROM bench_agency;
  INSERT INTO desks (id, agency_id, code, name) SELECT desk, id, 'main', 'Main desk' FROM bench_agency;
  INSERT INTO users (id, agency_id, email, display_name, roles, password_hash) SELECT officer, id, 'officer-' || n || '@bench.example', 'Officer ' || n, ARRAY['officer'], '${hash}' FROM bench_agency;
  INSERT INTO users (id, agency_id, email, display_name, roles, password_hash) SELECT reader, id, 'reader-' || n || '@bench.example', 'Reader ' || n, ARRAY['officer'], '${hash}' FROM bench_agency;
  INSERT INTO users (id, agency_id, email, display_name, roles, password_hash) SELECT liaison, id, 'liaison-' || n || '@bench.example', 'Liaison ' || n, ARRAY['liaison'], '${hash}' FROM bench_agency;
  INSERT INTO user_desks (user_id, desk_id, agency_id) SELECT u, desk, id FROM bench_agency, LATERAL unnest(ARRAY[officer, reader, liaison]) u;
  INSERT INTO desk_red_readers (desk_id, user_id, agency_id, added_by) SELECT desk, reader, id, liaison FROM bench_agency;

  -- Cases: owner agency, then one to four partners (agency 0 joins every fourth case too); 10 % restricted.
  CREATE TABLE bench_case (n int PRIMARY KEY, id uuid, owner int, parts int[], restricted boolean);
  INSERT INTO bench_case SELECT c, gen_random_uuid(), o,
    ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[o] || ARRAY(SELECT (o + 1 + floor(random() * ${s.agencies - 1})::int) % ${s.agencies} FROM generate_series(1, 1 + c % 4))
          || CASE WHEN c % 4 = 0 THEN ARRAY[0] ELSE ARRAY[]::int[] END) x ORDER BY x),
    c % 10 = 3
    FROM (SELECT c, floor(random() * ${s.agencies})::int AS o FROM generate_series(0, ${s.cases - 1}) c) y;
  INSERT INTO cases (id, agency_id, desk_id, title, summary, crime_areas, created_by, restricted, created_at)
    SELECT c.id, a.id, a.desk, 'Case ' || c.n, '', ARRAY[(ARRAY['drug-trafficking','migrant-smuggling','money-laundering','firearms-trafficking','organised-crime'])[1 + c.n % 5]], a.liaison, c.restricted, now() - interval '3 years'
    FROM bench_case c JOIN bench_agency a ON a.n = c.owner;
  INSERT INTO case_participants (case_id, agency_id, role, status, invited_by, invited_by_agency_id)
    SELECT c.id, a.id, CASE WHEN p = c.owner THEN 'owner' ELSE 'participant' END, 'active',
           CASE WHEN p = c.owner THEN NULL ELSE o.liaison END, CASE WHEN p = c.owner THEN NULL ELSE o.id END
    FROM bench_case c CROSS JOIN LATERAL unnest(c.parts) p JOIN bench_agency a ON a.n = p JOIN bench_agency o ON o.n = c.owner;
  -- Restricted cases: every participant names its officer and liaison in two of three; its RED reader in all.
  INSERT INTO case_members (case_id, user_id, agency_id, display_name, named_by)
    SELECT c.id, u, a.id, 'Member', a.liaison FROM bench_case c CROSS JOIN LATERAL unnest(c.parts) p JOIN bench_agency a ON a.n = p
    CROSS JOIN LATERAL unnest(CASE WHEN c.n % 3 = 0 THEN ARRAY[a.reader] ELSE ARRAY[a.officer, a.reader, a.liaison] END) u
    WHERE c.restricted;
  `;
}

/**
 * Messages lo..hi: a random case, sent by one of its participants in that agency's language to one or two other
 * participants; 2 % TLP:RED (to the recipient's desk, read by its RED reader), 5 % urgent, one in ten a request.
 * Spread over three years, oldest first.
 */
export function messagesSql(s: Shape, lo: number, hi: number): string {
  const word = `l.words[1 + floor(l.n * power(random(), 2.2))::int + 0 * g]`;
  const surnames = arr(SURNAMES);
  return `
  SET session_replication_role = replica;
  CREATE TABLE bench_chunk AS
  SELECT i, gen_random_uuid() AS id, c.id AS case_id, s.id AS sender, s.desk AS sender_desk, CASE WHEN i % 3 = 0 THEN s.liaison ELSE s.officer END AS sender_user,
         r1.id AS r1, r1.desk AS r1_desk, r1.reader AS r1_reader, r2.id AS r2,
         subj, body, l.cfg, (i % 50 = 7) AS red, (i % 20 = 3) AS urgent, (i % 10 = 1) AS request,
         now() - interval '3 years' + (i::float8 / ${s.messages}) * interval '3 years' AS at
  FROM (SELECT i, floor(random() * ${s.cases})::int AS cn FROM generate_series(${lo}, ${hi}) i) g
  JOIN bench_case c ON c.n = g.cn
  CROSS JOIN LATERAL (SELECT cardinality(c.parts) AS np, 1 + (i % cardinality(c.parts)) AS si) k
  JOIN bench_agency s ON s.n = c.parts[k.si]
  JOIN bench_agency r1 ON r1.n = c.parts[1 + (k.si % k.np)]
  LEFT JOIN bench_agency r2 ON k.np > 2 AND i % 3 = 0 AND i % 50 <> 7 AND r2.n = c.parts[1 + ((k.si + 1) % k.np)]
  JOIN bench_lang l ON l.k = s.lang
  CROSS JOIN LATERAL (SELECT
    (SELECT string_agg(${word}, ' ') FROM generate_series(1, 3 + i % 5) g) AS subj,
    (SELECT string_agg(${word}, ' ') FROM generate_series(1, 25 + i % 40) g)
      || CASE WHEN i % 2 = 0 THEN ' ' || (${surnames})[1 + floor(random() * ${SURNAMES.length})::int] ELSE '' END
      || CASE WHEN i % 3 = 0 THEN ' +' || (212600000000 + floor(random() * 100000)::bigint) ELSE '' END
      || CASE WHEN i % 10 = 0 THEN ' ' || lpad(floor(random() * 10000)::int::text, 4, '0') || chr(66 + floor(random() * 20)::int) || chr(66 + floor(random() * 20)::int) || chr(66 + floor(random() * 20)::int) ELSE '' END AS body
  ) t
  WHERE k.np > 1;
  INSERT INTO messages (id, case_id, sender_agency_id, sender_desk_id, sender_user_id, subject, body, handling_code, tlp, source_reliability, info_accuracy, priority, is_request, lang, search, created_at)
    SELECT id, case_id, sender, sender_desk, sender_user, subj, body, 'H0', CASE WHEN red THEN 'RED' WHEN i % 4 = 0 THEN 'GREEN' ELSE 'AMBER' END, 'B', 2,
           CASE WHEN urgent THEN 'urgent' ELSE 'normal' END, request, cfg, ${vectorSql('subj', 'body')}, at
    FROM bench_chunk ORDER BY i;
  INSERT INTO message_recipients (message_id, agency_id, desk_id, framework, request_state, due_at)
    SELECT id, r1, CASE WHEN red THEN r1_desk END, 'bilateral', CASE WHEN request THEN 'sent' END, CASE WHEN request THEN at + interval '3 days' END FROM bench_chunk
    UNION ALL SELECT id, r2, NULL, 'bilateral', CASE WHEN request THEN 'sent' END, CASE WHEN request THEN at + interval '3 days' END FROM bench_chunk WHERE r2 IS NOT NULL AND r2 <> r1;
  INSERT INTO message_red_readers (message_id, user_id, agency_id) SELECT id, r1_reader, r1 FROM bench_chunk WHERE red;
  DROP TABLE bench_chunk;
  SET session_replication_role = origin;
  `;
}

/** What the benchmark user (agency 0's officer) has read: three in five of what its agency may see, older first. */
export function readsSql(): string {
  return `
  INSERT INTO message_reads (message_id, user_id, agency_id, first_read_at)
    SELECT m.id, a.officer, a.id, m.created_at + interval '1 hour' FROM messages m, bench_agency a
    WHERE a.n = 0 AND (m.sender_agency_id = a.id OR EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id AND r.agency_id = a.id))
      AND abs(hashtext(m.id::text)) % 5 < 3;
  `;
}

/** The number of the small agency in bench_agency (it takes part in no case of bench_case.parts). */
export const SMALL = 1000;

/**
 * A small agency (French): an active participant of 60 unrestricted cases that agency 0 is not in, and the recipient
 * of 2,000 messages there, sent by the cases' owners over the same three years; its officer has read three in five.
 * Written with triggers on, so it works before migration 0013 (the backfill sets visible_agencies) and after (the
 * triggers do); agency 0's figures do not change.
 */
export function smallAgencySql(hash: string, count = 2000): string {
  const word = `l.words[1 + floor(l.n * power(random(), 2.2))::int + 0 * g]`;
  return `
  INSERT INTO bench_agency SELECT ${SMALL}, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 1;
  INSERT INTO agencies (id, code, name, country, type, languages) SELECT id, 'bench-small', 'Bench small agency', 'FR', 'police', ARRAY['fr'] FROM bench_agency WHERE n = ${SMALL};
  INSERT INTO desks (id, agency_id, code, name) SELECT desk, id, 'main', 'Main desk' FROM bench_agency WHERE n = ${SMALL};
  INSERT INTO users (id, agency_id, email, display_name, roles, password_hash) SELECT u, id, r || '-small@bench.example', 'Small ' || r, ARRAY[CASE WHEN r = 'liaison' THEN 'liaison' ELSE 'officer' END], '${hash}'
    FROM bench_agency, LATERAL (VALUES (officer, 'officer'), (reader, 'reader'), (liaison, 'liaison')) x(u, r) WHERE n = ${SMALL};
  INSERT INTO user_desks (user_id, desk_id, agency_id) SELECT u, desk, id FROM bench_agency, LATERAL unnest(ARRAY[officer, reader, liaison]) u WHERE n = ${SMALL};
  CREATE TABLE bench_small_case AS SELECT row_number() OVER (ORDER BY c.n) - 1 AS k, c.n, c.id, c.owner FROM bench_case c
    WHERE NOT c.restricted AND NOT 0 = ANY (c.parts) AND c.n % 97 = 5 ORDER BY c.n LIMIT 60;
  INSERT INTO case_participants (case_id, agency_id, role, status, invited_by, invited_by_agency_id)
    SELECT sc.id, s.id, 'participant', 'active', o.liaison, o.id FROM bench_small_case sc JOIN bench_agency o ON o.n = sc.owner JOIN bench_agency s ON s.n = ${SMALL};
  CREATE TABLE bench_small_msg AS
  SELECT i, gen_random_uuid() AS id, sc.id AS case_id, o.id AS sender, o.desk AS sender_desk, o.officer AS sender_user, subj, body, l.cfg,
         now() - interval '3 years' + (i::float8 / ${count}) * interval '3 years' + interval '1 minute' AS at
  FROM generate_series(1, ${count}) i
  JOIN bench_small_case sc ON sc.k = i % (SELECT count(*) FROM bench_small_case)
  JOIN bench_agency o ON o.n = sc.owner
  JOIN bench_lang l ON l.k = o.lang
  CROSS JOIN LATERAL (SELECT
    (SELECT string_agg(${word}, ' ') FROM generate_series(1, 3 + i % 5) g) AS subj,
    (SELECT string_agg(${word}, ' ') FROM generate_series(1, 25 + i % 40) g) AS body) t;
  INSERT INTO messages (id, case_id, sender_agency_id, sender_desk_id, sender_user_id, subject, body, handling_code, tlp, source_reliability, info_accuracy, priority, is_request, lang, search, created_at)
    SELECT id, case_id, sender, sender_desk, sender_user, subj, body, 'H0', 'AMBER', 'B', 2, 'normal', false, cfg, ${vectorSql('subj', 'body')}, at
    FROM bench_small_msg ORDER BY i;
  INSERT INTO message_recipients (message_id, agency_id, framework) SELECT m.id, s.id, 'bilateral' FROM bench_small_msg m JOIN bench_agency s ON s.n = ${SMALL};
  INSERT INTO message_reads (message_id, user_id, agency_id, first_read_at)
    SELECT m.id, s.officer, s.id, m.at + interval '1 hour' FROM bench_small_msg m JOIN bench_agency s ON s.n = ${SMALL} WHERE abs(hashtext(m.id::text)) % 5 < 3;
  DROP TABLE bench_small_msg;
  `;
}
