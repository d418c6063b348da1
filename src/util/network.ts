/**
 * Network failures that happen before any byte of the request is sent (connection refused, a
 * name that does not resolve, a connect timeout): the server never saw the request, so even one
 * that creates something can be sent again. A connection lost later (ECONNRESET, a timeout
 * waiting for the answer) may come after the server acted.
 */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT'
])

/** The first error code along the `cause` chain (fetch hides it: `TypeError: fetch failed`). */
export function networkCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown }
    if (typeof code === 'string') return code
    e = cause
  }
  return undefined
}
