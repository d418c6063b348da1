/**
 * What the rules may ask of Jira. Cloud (REST v3, ADF) and Data Center (REST v2, wiki markup)
 * adapters both implement it, so a rule never knows which flavour it talks to.
 */
export type JiraFlavour = 'cloud' | 'data-center'

export interface JiraUser {
  /** Cloud accountId; Data Center user key. */
  id: string
  displayName: string
  /** Absent for most Cloud users (privacy settings). */
  email?: string
  active?: boolean
}

export interface JiraIssue {
  key: string
  id: string
  projectKey: string
  summary: string
  status: { name: string; category: 'new' | 'indeterminate' | 'done' | string }
  issueType?: string
  assignee?: JiraUser | null
  reporter?: JiraUser | null
  /** Browse URL: `${site}/browse/${key}`. */
  url: string
  /** The text inference reads; present when a search asked for it (`details: true`). */
  details?: IssueDetails
}

export interface IssueDetails {
  /** Plain text (ADF flattened on Cloud, wiki markup as it is on Data Center). */
  description: string
  components: string[]
  labels: string[]
  created?: string
  updated?: string
}

/** A remote link as the action writes it; `globalId` makes the write an upsert. */
export interface RemoteLinkInput {
  globalId: string
  url: string
  title: string
  summary?: string
  relationship: string
  iconUrl?: string
  resolved?: boolean
}

export interface RemoteLink extends RemoteLinkInput {
  id: number
}

export interface JiraPort {
  readonly flavour: JiraFlavour
  /** Site base URL without trailing slash, e.g. https://acme.atlassian.net */
  readonly siteUrl: string
  /** Checks the credential; throws a UserError when Jira answers as an anonymous user or 401/403. */
  myself(): Promise<JiraUser>
  /** Issues that exist and are visible; unknown keys (UTF-8, typos, no permission) are left out. */
  getIssues(keys: string[]): Promise<JiraIssue[]>
  /** Enhanced JQL search, bounded by `max`. */
  searchIssues(
    jql: string,
    options?: { max?: number; fields?: string[]; details?: boolean }
  ): Promise<JiraIssue[]>
  getRemoteLinks(issueKey: string): Promise<RemoteLink[]>
  upsertRemoteLink(issueKey: string, link: RemoteLinkInput): Promise<void>
  deleteRemoteLink(issueKey: string, globalId: string): Promise<void>
}
