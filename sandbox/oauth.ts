/**
 * Atlassian OAuth 2.0: the token endpoint (auth.atlassian.com) with client credentials and
 * rotating refresh tokens, and the API gateway (api.atlassian.com) with site discovery and
 * `/ex/jira/{cloudId}/…` in front of the Jira API.
 */
import { randomBytes } from 'node:crypto'
import type { Caller } from './jira.js'
import type { Ctx, Reply } from './server.js'
import type { AccessTokenRec, SandboxState } from './state.js'

/** A replaced refresh token stays usable this long; reuse after it revokes the whole family. */
export const REUSE_GRACE_MS = 10 * 60_000
const ACCESS_TTL_S = 3600

const oauthError = (status: number, error: string, description: string): Reply => ({
  status,
  body: { error, error_description: description }
})

export function createOAuth(state: SandboxState, now: () => number) {
  const o = state.oauth
  const mint = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`

  const issueAccess = (clientId: string, accountId: string, family?: string): AccessTokenRec => {
    const rec: AccessTokenRec = {
      token: mint('sbx-at-'),
      clientId,
      accountId,
      expiresAt: now() + ACCESS_TTL_S * 1000,
      ...(family ? { family } : {})
    }
    o.accessTokens.push(rec)
    return rec
  }

  const revokeFamily = (family: string) => {
    if (!o.revokedFamilies.includes(family)) o.revokedFamilies.push(family)
    o.accessTokens = o.accessTokens.filter((t) => t.family !== family)
  }

  const token = (ctx: Ctx): Reply => {
    if (ctx.method !== 'POST' || ctx.path !== '/oauth/token')
      return { status: 404, body: { error: 'not_found', error_description: 'Not Found' } }
    const b = (ctx.body ?? {}) as Record<string, string | undefined>
    const client = o.clients.find(
      (c) => c.clientId === b.client_id && c.clientSecret === b.client_secret
    )
    if (b.grant_type !== 'client_credentials' && b.grant_type !== 'refresh_token') {
      return oauthError(
        400,
        'unsupported_grant_type',
        `Unsupported grant type: ${b.grant_type ?? ''}`
      )
    }
    if (!client || !client.grants.includes(b.grant_type))
      return oauthError(401, 'access_denied', 'Unauthorized')
    const scope = client.scopes.join(' ')
    if (b.grant_type === 'client_credentials') {
      const access = issueAccess(client.clientId, client.accountId)
      return {
        status: 200,
        body: { access_token: access.token, expires_in: ACCESS_TTL_S, token_type: 'Bearer', scope }
      }
    }
    const rec = o.refreshTokens.find(
      (r) => r.token === b.refresh_token && r.clientId === client.clientId
    )
    if (!rec || o.revokedFamilies.includes(rec.family))
      return oauthError(403, 'unauthorized_client', 'refresh_token is invalid')
    if (rec.rotatedAt !== undefined && now() - rec.rotatedAt > REUSE_GRACE_MS) {
      // Reuse of a replaced token: treated as theft, the whole family dies.
      revokeFamily(rec.family)
      return oauthError(403, 'unauthorized_client', 'refresh_token is invalid')
    }
    rec.rotatedAt ??= now()
    const next = {
      token: mint('sbx-rt-'),
      clientId: client.clientId,
      family: rec.family,
      issuedAt: now()
    }
    o.refreshTokens.push(next)
    const access = issueAccess(client.clientId, client.accountId, rec.family)
    return {
      status: 200,
      body: {
        access_token: access.token,
        refresh_token: next.token,
        expires_in: ACCESS_TTL_S,
        token_type: 'Bearer',
        scope
      }
    }
  }

  /** The caller behind a Bearer access token, or null. */
  const bearer = (ctx: Ctx): AccessTokenRec | null => {
    const m = /^Bearer (.+)$/i.exec(ctx.headers.authorization ?? '')
    const rec = m ? o.accessTokens.find((t) => t.token === m[1]) : undefined
    if (!rec || rec.expiresAt <= now() || (rec.family && o.revokedFamilies.includes(rec.family)))
      return null
    return rec
  }

  /** api.atlassian.com: site discovery and the Jira API behind /ex/jira/{cloudId}. */
  const gateway = (
    ctx: Ctx,
    urls: { apiUrl: string; jiraUrl: string },
    jira: (ctx: Ctx, caller: Caller, base: string, path: string) => Reply
  ): Reply => {
    const access = bearer(ctx)
    const unauthorized: Reply = { status: 401, body: { code: 401, message: 'Unauthorized' } }
    if (ctx.path === '/oauth/token/accessible-resources' && ctx.method === 'GET') {
      if (!access) return unauthorized
      const client = o.clients.find((c) => c.clientId === access.clientId)!
      return {
        status: 200,
        body: [
          {
            id: state.jira.cloudId,
            url: urls.jiraUrl,
            name: state.jira.siteName,
            scopes: client.scopes,
            avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/site.png'
          }
        ]
      }
    }
    const m = /^\/ex\/jira\/([^/]+)(\/.*)$/.exec(ctx.path)
    if (!m) return { status: 404, body: { code: 404, message: 'Not Found' } }
    if (!access) return unauthorized
    if (m[1] !== state.jira.cloudId)
      return { status: 404, body: { errorMessages: ['Site temporarily unavailable'] } }
    return jira(
      ctx,
      { kind: 'user', accountId: access.accountId },
      `${urls.apiUrl}/ex/jira/${m[1]}`,
      m[2]!
    )
  }

  return { token, gateway }
}
