/** Events the action does not handle end with a notice and exit code 0, without a request. */
import type { Sandbox } from '../../sandbox/index.js'
import { runAction } from '../../sandbox/run-action.js'
import { ACME, TIMEOUT, commands, eachSandbox, isWrite } from './helpers.js'

let sb: Sandbox
eachSandbox((s) => (sb = s))

test(
  'push: to the default branch it refreshes the cache and writes nothing; elsewhere nothing at all',
  async () => {
    const event = sb.pullRequestEvent(ACME.repo, ACME.pr, 'opened')
    const push = (ref: string) =>
      runAction({
        sandbox: sb,
        eventName: 'push',
        payload: {
          ref,
          before: '0'.repeat(40),
          after: '1'.repeat(40),
          repository: { ...(event.repository as Record<string, unknown>), default_branch: 'main' },
          sender: event.sender
        }
      })
    const elsewhere = await push('refs/heads/feature/x')
    expect(elsewhere.exitCode).toBe(0)
    expect(commands(elsewhere, 'notice')).toEqual([
      expect.stringContaining('a push to feature/x, not to the default branch main')
    ])
    expect(sb.requests).toEqual([])

    // No cache service here (as outside a runner): it says so and writes nothing.
    const main = await push('refs/heads/main')
    expect(main.exitCode).toBe(0)
    expect(commands(main, 'error')).toEqual([])
    expect(commands(main, 'notice')).toEqual([expect.stringContaining('Nothing to refresh')])
    expect(sb.requests.filter(isWrite)).toEqual([])
  },
  TIMEOUT
)

test(
  'a fork PR under pull_request, where secrets are empty: exit 0, a notice, no request',
  async () => {
    const event = sb.pullRequestEvent(ACME.repo, ACME.pr, 'opened', 'outsider')
    const head = (event.pull_request as { head: { repo: Record<string, unknown> } }).head
    head.repo = {
      ...head.repo,
      full_name: 'outsider/shop',
      name: 'shop',
      owner: { login: 'outsider' },
      fork: true
    }
    const run = await runAction({
      sandbox: sb,
      eventName: 'pull_request',
      payload: event,
      // A fork's workflow run gets no repository secrets: the inputs that come from them are empty.
      inputs: { 'jira-email': '', 'jira-api-token': '' }
    })
    expect(run.exitCode).toBe(0)
    expect(commands(run, 'notice')).toEqual([expect.stringContaining('pull_request_target')])
    expect(commands(run, 'error')).toEqual([])
    expect(sb.requests).toEqual([])
  },
  TIMEOUT
)
