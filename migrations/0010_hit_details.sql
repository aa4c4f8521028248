-- What a hit found, as it was found, for hits whose source the screening agency cannot read afterwards: a registered
-- travel document (the registry answers hit/no-hit, the loss type and the registering agency, and nothing else).
ALTER TABLE hits ADD COLUMN details jsonb NOT NULL DEFAULT '{}';
