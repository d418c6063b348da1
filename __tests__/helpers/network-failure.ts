/**
 * A socket error as Node reports it (`code` set), for nock's `replyWithError`: fetch then fails
 * with it as its `cause`, as with a real connection failure. An Error, not a plain object: given
 * `{ code }`, nock 15.0 never settles the fetch.
 */
export function networkFailure(
  code = 'ECONNREFUSED',
  message = `connect ${code} 140.82.112.6:443`
): Error {
  return Object.assign(new Error(message), { code })
}
