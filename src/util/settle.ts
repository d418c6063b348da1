/**
 * Like Promise.all, but waits for every request to end before it rejects with the first
 * failure: nothing keeps calling Jira or GitHub (or retrying) after the run has failed.
 */
export async function settleAll<T extends readonly unknown[]>(
  promises: readonly [...{ [K in keyof T]: Promise<T[K]> }]
): Promise<T> {
  const settled = await Promise.allSettled(promises)
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failure) throw failure.reason
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T
}
