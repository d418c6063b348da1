/** Records the bodies of the requests a nock interceptor matches: `.post(path, sent.match)`. */
export function recorder<T = unknown>() {
  const sent: T[] = []
  return {
    sent,
    match: (body: T) => {
      sent.push(body)
      return true
    }
  }
}
