// Maskinporten's metadata and token endpoints, and Customs' token exchange.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import { type Answer, addRoute } from './http';
import { GrantRefused, JWT_BEARER, metadata, verifyGrant } from './maskinporten';
import { TOKEN_ROUTES } from './route-paths';

const grantForm = z.looseObject({ grant_type: z.literal(JWT_BEARER), assertion: z.string().min(1) });
const exchangeForm = z.looseObject({
  grant_type: z.literal('token-exchange'),
  subject_token_type: z.literal('access_token'),
  subject_token: z.string().min(1),
});

const invalidRequest = (description: string): Answer => ({
  status: 400,
  body: { error: 'invalid_request', error_description: description },
});

async function maskinportenToken(ctx: EmulatorContext, body: unknown): Promise<Answer> {
  const form = grantForm.safeParse(body);
  if (!form.success) return invalidRequest(`expected grant_type=${JWT_BEARER} and an assertion`);
  try {
    const { clientId, scopes } = await verifyGrant(ctx, form.data.assertion);
    const token = ctx.tokens.issueMaskinporten(clientId, scopes, ctx.now());
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: ctx.tokens.maskinportenTtlSeconds,
        scope: scopes.join(' '),
      },
    };
  } catch (error) {
    if (error instanceof GrantRefused) return { status: 400, body: error.toBody() };
    throw error;
  }
}

function exchange(ctx: EmulatorContext, body: unknown): Answer {
  const form = exchangeForm.safeParse(body);
  if (!form.success) {
    return invalidRequest(
      'expected grant_type=token-exchange, subject_token_type=access_token and subject_token',
    );
  }
  const token = ctx.tokens.exchange(form.data.subject_token, ctx.now());
  if (!token) {
    return {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Subject token unknown or expired' },
    };
  }
  return {
    status: 200,
    body: {
      access_token: token,
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
      expires_in: ctx.tokens.customsTtlSeconds,
    },
  };
}

export function registerAuthRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/.well-known/oauth-authorization-server', () => metadata(ctx));
  addRoute(app, ctx, {
    method: 'POST',
    url: TOKEN_ROUTES.maskinportenToken,
    endpoint: 'maskinporten-token',
    handler: (request) => maskinportenToken(ctx, request.body),
  });
  addRoute(app, ctx, {
    method: 'POST',
    url: TOKEN_ROUTES.customsExchange,
    endpoint: 'token-exchange',
    handler: (request) => exchange(ctx, request.body),
  });
}
