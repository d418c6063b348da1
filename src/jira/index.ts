/**
 * The Jira adapter: the only place that talks to Jira. Rules see the JiraPort, nothing else.
 */
export { connectJira, type ConnectJiraOptions } from './client.js'
export { resolveJiraAuth, type JiraAuth, type JiraAuthMode } from './auth.js'
export type { RetryPolicy, Sleep } from './retry.js'
export type * from './port.js'
