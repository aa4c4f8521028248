-- "Its own country only", the second wall (issue 5): an agency registers stolen and lost travel documents of the
-- state its agency belongs to, and row-level security now says so too (it was the application's policy alone,
-- migrations/0007_documents.sql). The ICAO 9303 issuing code of a country is its ISO 3166-1 alpha-3 code except D for
-- Germany and RKS for Kosovo (XK); the INTERPOL General Secretariat issues under XPO. The table below is the same map as
-- common/mrz/codes.ts (ICAO_BY_ISO2); server/modules/documents/tests/issuer-rls.test.ts fails if the two drift apart.

CREATE TABLE icao_issuers (
  iso2 text PRIMARY KEY CHECK (iso2 ~ '^[A-Z]{2}$'),
  code text NOT NULL CHECK (code ~ '^[A-Z]{1,3}$')
);
INSERT INTO icao_issuers (iso2, code) VALUES
  ('AD','AND'), ('AE','ARE'), ('AF','AFG'), ('AG','ATG'), ('AI','AIA'), ('AL','ALB'), ('AM','ARM'), ('AO','AGO'), ('AQ','ATA'), ('AR','ARG'), ('AS','ASM'), ('AT','AUT'),
  ('AU','AUS'), ('AW','ABW'), ('AX','ALA'), ('AZ','AZE'), ('BA','BIH'), ('BB','BRB'), ('BD','BGD'), ('BE','BEL'), ('BF','BFA'), ('BG','BGR'), ('BH','BHR'), ('BI','BDI'),
  ('BJ','BEN'), ('BL','BLM'), ('BM','BMU'), ('BN','BRN'), ('BO','BOL'), ('BQ','BES'), ('BR','BRA'), ('BS','BHS'), ('BT','BTN'), ('BV','BVT'), ('BW','BWA'), ('BY','BLR'),
  ('BZ','BLZ'), ('CA','CAN'), ('CC','CCK'), ('CD','COD'), ('CF','CAF'), ('CG','COG'), ('CH','CHE'), ('CI','CIV'), ('CK','COK'), ('CL','CHL'), ('CM','CMR'), ('CN','CHN'),
  ('CO','COL'), ('CR','CRI'), ('CU','CUB'), ('CV','CPV'), ('CW','CUW'), ('CX','CXR'), ('CY','CYP'), ('CZ','CZE'), ('DE','D'), ('DJ','DJI'), ('DK','DNK'), ('DM','DMA'),
  ('DO','DOM'), ('DZ','DZA'), ('EC','ECU'), ('EE','EST'), ('EG','EGY'), ('EH','ESH'), ('ER','ERI'), ('ES','ESP'), ('ET','ETH'), ('FI','FIN'), ('FJ','FJI'), ('FK','FLK'),
  ('FM','FSM'), ('FO','FRO'), ('FR','FRA'), ('GA','GAB'), ('GB','GBR'), ('GD','GRD'), ('GE','GEO'), ('GF','GUF'), ('GG','GGY'), ('GH','GHA'), ('GI','GIB'), ('GL','GRL'),
  ('GM','GMB'), ('GN','GIN'), ('GP','GLP'), ('GQ','GNQ'), ('GR','GRC'), ('GS','SGS'), ('GT','GTM'), ('GU','GUM'), ('GW','GNB'), ('GY','GUY'), ('HK','HKG'), ('HM','HMD'),
  ('HN','HND'), ('HR','HRV'), ('HT','HTI'), ('HU','HUN'), ('ID','IDN'), ('IE','IRL'), ('IL','ISR'), ('IM','IMN'), ('IN','IND'), ('IO','IOT'), ('IQ','IRQ'), ('IR','IRN'),
  ('IS','ISL'), ('IT','ITA'), ('JE','JEY'), ('JM','JAM'), ('JO','JOR'), ('JP','JPN'), ('KE','KEN'), ('KG','KGZ'), ('KH','KHM'), ('KI','KIR'), ('KM','COM'), ('KN','KNA'),
  ('KP','PRK'), ('KR','KOR'), ('KW','KWT'), ('KY','CYM'), ('KZ','KAZ'), ('LA','LAO'), ('LB','LBN'), ('LC','LCA'), ('LI','LIE'), ('LK','LKA'), ('LR','LBR'), ('LS','LSO'),
  ('LT','LTU'), ('LU','LUX'), ('LV','LVA'), ('LY','LBY'), ('MA','MAR'), ('MC','MCO'), ('MD','MDA'), ('ME','MNE'), ('MF','MAF'), ('MG','MDG'), ('MH','MHL'), ('MK','MKD'),
  ('ML','MLI'), ('MM','MMR'), ('MN','MNG'), ('MO','MAC'), ('MP','MNP'), ('MQ','MTQ'), ('MR','MRT'), ('MS','MSR'), ('MT','MLT'), ('MU','MUS'), ('MV','MDV'), ('MW','MWI'),
  ('MX','MEX'), ('MY','MYS'), ('MZ','MOZ'), ('NA','NAM'), ('NC','NCL'), ('NE','NER'), ('NF','NFK'), ('NG','NGA'), ('NI','NIC'), ('NL','NLD'), ('NO','NOR'), ('NP','NPL'),
  ('NR','NRU'), ('NU','NIU'), ('NZ','NZL'), ('OM','OMN'), ('PA','PAN'), ('PE','PER'), ('PF','PYF'), ('PG','PNG'), ('PH','PHL'), ('PK','PAK'), ('PL','POL'), ('PM','SPM'),
  ('PN','PCN'), ('PR','PRI'), ('PS','PSE'), ('PT','PRT'), ('PW','PLW'), ('PY','PRY'), ('QA','QAT'), ('RE','REU'), ('RO','ROU'), ('RS','SRB'), ('RU','RUS'), ('RW','RWA'),
  ('SA','SAU'), ('SB','SLB'), ('SC','SYC'), ('SD','SDN'), ('SE','SWE'), ('SG','SGP'), ('SH','SHN'), ('SI','SVN'), ('SJ','SJM'), ('SK','SVK'), ('SL','SLE'), ('SM','SMR'),
  ('SN','SEN'), ('SO','SOM'), ('SR','SUR'), ('SS','SSD'), ('ST','STP'), ('SV','SLV'), ('SX','SXM'), ('SY','SYR'), ('SZ','SWZ'), ('TC','TCA'), ('TD','TCD'), ('TF','ATF'),
  ('TG','TGO'), ('TH','THA'), ('TJ','TJK'), ('TK','TKL'), ('TL','TLS'), ('TM','TKM'), ('TN','TUN'), ('TO','TON'), ('TR','TUR'), ('TT','TTO'), ('TV','TUV'), ('TW','TWN'),
  ('TZ','TZA'), ('UA','UKR'), ('UG','UGA'), ('UM','UMI'), ('US','USA'), ('UY','URY'), ('UZ','UZB'), ('VA','VAT'), ('VC','VCT'), ('VE','VEN'), ('VG','VGB'), ('VI','VIR'),
  ('VN','VNM'), ('VU','VUT'), ('WF','WLF'), ('WS','WSM'), ('XK','RKS'), ('YE','YEM'), ('YT','MYT'), ('ZA','ZAF'), ('ZM','ZMB'), ('ZW','ZWE');

ALTER TABLE icao_issuers ENABLE ROW LEVEL SECURITY; ALTER TABLE icao_issuers FORCE ROW LEVEL SECURITY;
-- Public reference data: any signed-in user reads it; nobody changes it but a migration.
CREATE POLICY icao_issuers_read ON icao_issuers FOR SELECT USING (tansiq_user() IS NOT NULL);
GRANT SELECT ON icao_issuers TO tansiq_app;

-- The issuing code the caller's agency registers documents under (invoker rights: reads the caller's own agency row,
-- which agencies_read lets every signed-in user see).
CREATE FUNCTION tansiq_agency_issuer() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN a.type = 'interpol-gs' THEN 'XPO' ELSE (SELECT i.code FROM icao_issuers i WHERE i.iso2 = a.country) END
  FROM agencies a WHERE a.id = tansiq_agency()
$$;
GRANT EXECUTE ON FUNCTION tansiq_agency_issuer() TO tansiq_app;

DROP POLICY travel_documents_insert ON travel_documents;
CREATE POLICY travel_documents_insert ON travel_documents FOR INSERT WITH CHECK (
  agency_id = tansiq_agency() AND registered_by = tansiq_user() AND issuing_state = tansiq_agency_issuer());
