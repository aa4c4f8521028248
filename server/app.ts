import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform, hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import client from 'prom-client';
import { sql } from 'kysely';
import { AppError, unauthenticated, type App } from './platform/http';
import { authenticate, checkCsrf } from './platform/auth';
import type { Deps } from './platform/deps';
import { registerIdentity } from './modules/identity';
import { registerAudit } from './modules/audit';
import { registerNotifications } from './modules/notifications';
import { registerLive } from './modules/live';
import { registerPartnerships } from './modules/partnerships';
import { registerCases } from './modules/cases';
import { registerJobs } from './platform/jobs';
import { registerWatchlists } from './modules/watchlists';
import { registerScreening } from './modules/screening';
import { registerMessages } from './modules/messages';
import { registerNotices } from './modules/notices';
import { registerHits } from './modules/hits';
import { registerDocuments } from './modules/documents';
import { registerEvents } from './modules/events';

const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');


const metrics = (() => {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Histogram({
    name: 'tansiq_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, requests };
})();

/** Builds the HTTP service: security headers, sessions, CSRF, the API modules, OpenAPI and the web app. */
export async function buildApp(deps: Deps, opts: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger === false ? false : {
      level: deps.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes CSS variables into style elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only makes sense (and is only sent) when served under TLS.
    hsts: deps.config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie);
  // Counted per signed-in user (the limit's hook runs after authentication, below), else per client address: a whole
  // agency behind one proxy address must not share one budget, and an anonymous flood is still held per address.
  await app.register(rateLimit, { global: true, max: deps.config.rateLimitPerMinute, timeWindow: '1 minute', keyGenerator: (req) => (req.actor?.userId ? `user:${req.actor.userId}` : `ip:${req.ip}`), errorResponseBuilder: (_req, ctx) => new AppError(429, 'rate_limited', `Too many requests. Try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`) });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Tansiq API', version: '0.1.0', description: 'Cross-border police cooperation. Errors are {"error":{"code","message","details"}}.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tansiq_session' }, token: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.headers) void reply.headers(err.headers);
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      // Each detail names the field, says what is wrong in English, and gives the zod code and limits so the web app
      // can say it in the reader's language.
      const details = err.validation.map((v) => {
        const p = (v.params ?? {}) as Record<string, unknown>;
        const limits = Object.fromEntries(['minimum', 'maximum', 'format', 'origin', 'expected', 'values'].filter((k) => p[k] !== undefined).map((k) => [k, typeof p[k] === 'bigint' ? String(p[k]) : p[k]]));
        return { path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'), message: v.message, code: v.keyword, ...limits };
      });
      const first = details[0];
      return reply.status(400).send({ error: { code: 'validation_failed', message: first ? `${first.path || 'request'}: ${first.message}` : 'The request is not valid.', details } });
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.status(413).send({ error: { code: 'payload_too_large', message: 'The request body is too large.' } });
    if (status === 429) return reply.status(429).send({ error: { code: 'rate_limited', message: err.message } });
    if (status >= 400 && status < 500) return reply.status(status).send({ error: { code: 'bad_request', message: err.message } });
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: `Something went wrong on the server. Quote request id ${req.id} to your administrator.` } });
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const found = await authenticate(deps.db, deps.config, req);
    if (found) {
      req.actor = found.actor;
      req.session = found.session;
    }
  });
  // Before validation: an anonymous caller gets 401 (and a cross-site one 403) whatever it sends, never a 400 about the body.
  app.addHook('preValidation', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    reply.header('cache-control', 'no-store');
    if (req.routeOptions.config.auth === 'public') return;
    if (!req.actor) throw unauthenticated();
    checkCsrf(req);
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.requests.observe({ method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`SELECT 1`.execute(deps.db.unsafeOwner);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
  });
  // Metrics reveal traffic patterns: served to the local machine (a scraper beside the service) only.
  app.get('/metrics', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const local = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
    if (!local && process.env.TANSIQ_METRICS_PUBLIC !== 'true') return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  await app.register(async (api) => {
    await registerIdentity(api);
    await registerAudit(api);
    await registerNotifications(api);
    await registerLive(api);
    await registerPartnerships(api);
    await registerCases(api);
    await registerJobs(api);
    await registerWatchlists(api);
    await registerScreening(api);
    await registerMessages(api);
    await registerNotices(api);
    await registerHits(api);
    await registerDocuments(api);
    await registerEvents(api);
  });

  if (existsSync(join(WEB_DIST, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    // preCompressed: the build writes .br and .gz copies (web/vite.config.ts). Hashed assets never change under their
    // name, so browsers keep them; index.html is asked again each time, so a new build is picked up at once.
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      setHeaders: (reply, path) => {
        reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.setNotFoundHandler((req, reply) => {
      // Routes of the web app get the app; a missing file (an old asset name) gets a plain 404.
      const path = req.url.split('?')[0] ?? '';
      if (req.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) return reply.type('text/html').sendFile('index.html');
      return reply.status(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.` } });
    });
  } else {
    app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.` } }));
  }
  return app as unknown as App;
}
