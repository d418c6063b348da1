/** Jira answering 429 (Retry-After: 1), 502 and 503 on 20% of requests. See faults.ts. */
import { TIMEOUT, requireBundle } from './helpers.js'
import { expectSameEnd } from './faults.js'

beforeAll(requireBundle)

test(
  'Jira answering 429 (Retry-After), 502 and 503: every story ends as without faults (seeds 1-3)',
  () => expectSameEnd([1, 2, 3], (seed) => ({ rate: 0.2, seed, services: ['jira'] })),
  TIMEOUT
)
