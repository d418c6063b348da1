/** GitHub answering 429 with Retry-After on 20% of requests. See faults.ts. */
import { TIMEOUT, requireBundle } from './helpers.js'
import { expectSameEnd } from './faults.js'
import { STORIES } from './stories.js'

beforeAll(requireBundle)

// GitHub's own 429s say "secondary rate limit" and the throttling plugin handles them; a 429
// without that (a proxy's, or the sandbox's fault) is retried by the client's own hook.
test(
  'GitHub answering 429 with Retry-After: the run retries and ends as without faults',
  () =>
    expectSameEnd([1, 2], (seed) => ({ rate: 0.2, seed, services: ['github'], statuses: [429] }), [
      STORIES[0]!
    ]),
  TIMEOUT
)
