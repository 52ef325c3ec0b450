import { randomBytes } from 'node:crypto';
import { auth, type RateLimits, rateLimits } from '@signalbox/auth';
import { createGateway, type Gateway, type Principal } from '@signalbox/core';
import { express as signalbox } from '@signalbox/express';
import { createMockProvider } from '@signalbox/provider-mock';
import express, { type Request } from 'express';

/** The app's own users and sessions (a stand-in for whatever the app already has). */
const users = new Map([
  ['alice', { id: 'user_alice', name: 'Alice', plan: 'pro' }],
  ['bob', { id: 'user_bob', name: 'Bob', plan: 'free' }],
]);
const sessions = new Map<string, string>();

function sessionUser(request: Request) {
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  return sid ? users.get(sessions.get(sid) ?? '') : undefined;
}

/** Rate limits per plan of the app's users (the app's own notion, mapped onto the gateway). */
const DEFAULT_PLAN_LIMITS: Record<string, RateLimits> = {
  free: { requestsPerMinute: 5, tokensPerMinute: 20_000 },
  pro: { requestsPerMinute: 60, tokensPerMinute: 200_000 },
};

/** An existing Express app: its own JSON API, login and sessions, plus the gateway at /v1. */
export function createApp(options: { gatewayKeys: string[]; planLimits?: Record<string, RateLimits> }): {
  app: express.Express;
  gateway: Gateway;
} {
  const planLimits = options.planLimits ?? DEFAULT_PLAN_LIMITS;
  const gateway = createGateway({
    providers: [createMockProvider()],
    use: [
      // Gateway keys for machines; signed-in users of the app need none (see principal below).
      auth({ keys: options.gatewayKeys }),
      // Each signed-in user is limited by its plan, counted by its user id (machines: no limit).
      rateLimits({
        principalLimits: (principal) =>
          principal.kind === 'user' ? planLimits[String(principal.attributes?.plan)] : undefined,
      }),
    ],
  });

  const app = express();
  app.use('/api', express.json()); // the app's own body parser, on its own routes
  app.post('/api/login', (request, response) => {
    const user = users.get(String(request.body?.username));
    if (!user) return void response.status(401).json({ error: 'unknown user' });
    const sid = randomBytes(16).toString('hex');
    sessions.set(sid, String(request.body.username));
    response.setHeader('set-cookie', `sid=${sid}; HttpOnly; SameSite=Strict; Path=/`);
    response.json({ ok: true });
  });
  app.get('/api/me', (request, response) => {
    const user = sessionUser(request);
    response.status(user ? 200 : 401).json(user ?? { error: 'not signed in' });
  });

  // The gateway is one more router. The app's signed-in user becomes the gateway principal.
  app.use(
    '/v1',
    signalbox(gateway, {
      principal: (request): Principal | undefined => {
        const user = sessionUser(request);
        return user && { id: user.id, kind: 'user', name: user.name, attributes: { plan: user.plan } };
      },
    }),
  );
  return { app, gateway };
}
