/**
 * Cache entries are sealed (AES-256-GCM) with a key derived from the Jira credential: fork PRs
 * can restore the base branch's caches, and Jira text must not leak through them. A different
 * credential cannot open an entry; it is then ignored and rebuilt.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import type { JiraAuth } from '../jira/auth.js'

const VERSION = 1

/** The part of the credential that stays the same from run to run (not a rotating token). */
export function credentialSecret(auth: JiraAuth): string {
  switch (auth.mode) {
    case 'basic':
      return `${auth.email}:${auth.apiToken}`
    case 'basic-username':
      return `${auth.username}:${auth.password}`
    case 'bearer':
      return auth.token
    case 'oauth-client-credentials':
    case 'oauth-3lo':
      return `${auth.clientId}:${auth.clientSecret}`
  }
}

export function cacheKey(secret: string, site: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, site, 'gitar-jira cache v1', 32))
}

export function seal(value: unknown, key: Buffer): Buffer {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body])
}

/** The sealed value, or null when it was sealed with another key, is damaged or is too old a format. */
export function unseal<T>(data: Buffer, key: Buffer): T | null {
  if (data.length < 29 || data[0] !== VERSION) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(1, 13))
    decipher.setAuthTag(data.subarray(13, 29))
    const text = Buffer.concat([decipher.update(data.subarray(29)), decipher.final()]).toString(
      'utf8'
    )
    return JSON.parse(text) as T
  } catch {
    return null
  }
}
