/** Events the action does not handle end with a notice and exit code 0, without a request. */
import type { Sandbox } from '../../sandbox/index.js'
import { runAction } from '../../sandbox/run-action.js'
import { ACME, TIMEOUT, commands, eachSandbox } from './helpers.js'

let sb: Sandbox
eachSandbox((s) => (sb = s))

test(
  'push: exit 0, a notice, no request',
  async () => {
    const event = sb.pullRequestEvent(ACME.repo, ACME.pr, 'opened')
    const run = await runAction({
      sandbox: sb,
      eventName: 'push',
      payload: {
        ref: 'refs/heads/main',
        before: '0'.repeat(40),
        after: '1'.repeat(40),
        repository: event.repository,
        sender: event.sender
      }
    })
    expect(run.exitCode).toBe(0)
    expect(commands(run, 'notice')).toEqual([expect.stringContaining("'push'")])
    expect(commands(run, 'error')).toEqual([])
    expect(sb.requests).toEqual([])
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
