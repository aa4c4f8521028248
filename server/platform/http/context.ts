import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps';
import type { Actor } from '../db';

export interface SessionInfo {
  id: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no signed-in actor; every other route under /api does. */
    auth?: 'public' | 'user';
  }
}

/** The signed-in actor, or a 401 — for handlers of routes that require one (the default). */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error('requireActor on a route without authentication');
  return req.actor;
}

export function clientIp(req: FastifyRequest): string | null {
  return req.ip || null;
}

export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
}
/** The Fastify instance modules register their routes on. */
export type App = FastifyInstance;
