/**
 * JiraPort for Jira Cloud (REST v3, ADF) through jira.js. A Data Center flavour (REST v2, wiki
 * markup, `/rest/api/2/search` with startAt) is another class implementing JiraPort over the same
 * transport; the rules never see which one they talk to.
 */
import { createCloudClient, isApiError, type CloudClient } from 'jira.js'
import type { Client } from 'jira.js/core'
import { toAdf } from '../richtext/adf.js'
import { chunks } from '../util/chunks.js'
import type {
  CommentInput,
  CreatedIssue,
  IssueLinkType,
  JiraIssue,
  JiraPort,
  JiraUser,
  NewIssue,
  RemoteLink,
  RemoteLinkInput,
  Transition,
  TransitionFill,
  TransitionOutcome,
  UserRef
} from './port.js'
import { sameComment } from './same-comment.js'
import { AnonymousAnswerError, detailOf } from './transport.js'
import { listAnswer, listIn, objectAnswer, valueIn } from './answer.js'
import {
  describeFailure,
  fieldsRefused,
  OPERATIONS,
  unlessNotFound,
  type CredentialInfo,
  type JiraOperation
} from './errors.js'
import {
  fieldsToRead,
  ISSUE_PROPERTIES,
  type Asked,
  toJiraIssue,
  toJiraUser,
  toIssueLinkTypes,
  toRemoteLink,
  toTransitions,
  transitionFieldsJson,
  searchRequest
} from './map.js'

/** Jira's bulkfetch limit per request. */
export const BULK_FETCH_LIMIT = 100
const SEARCH_PAGE_LIMIT = 100
const DEFAULT_SEARCH_MAX = 50
const GLOBAL_ID_MAX = 255

export const GITHUB_APPLICATION = { type: 'com.github', name: 'GitHub' } as const
export const GITHUB_ICON_URL = 'https://github.githubassets.com/favicons/favicon.png'

/** The whole remote link body: Jira nulls every field an update leaves out. */
export function remoteLinkBody(link: RemoteLinkInput) {
  const iconUrl = link.iconUrl ?? GITHUB_ICON_URL
  const resolved = link.resolved ?? false
  return {
    globalId: link.globalId,
    application: { ...GITHUB_APPLICATION },
    relationship: link.relationship,
    object: {
      url: link.url,
      title: link.title,
      summary: link.summary ?? '',
      icon: { url16x16: iconUrl, title: 'GitHub pull request' },
      status: {
        resolved,
        icon: { url16x16: iconUrl, title: resolved ? 'Resolved' : 'Open', link: link.url }
      }
    }
  }
}

export class CloudJira implements JiraPort {
  readonly flavour = 'cloud' as const
  readonly siteUrl: string
  private readonly jira: CloudClient
  private readonly credential: CredentialInfo

  constructor(transport: Client, credential: CredentialInfo) {
    this.credential = credential
    this.jira = createCloudClient(transport)
    this.siteUrl = credential.siteUrl
  }

  private call<T>(op: JiraOperation, fn: () => Promise<T>): Promise<T> {
    return describeFailure(op, this.credential, fn)
  }

  myself(): Promise<JiraUser> {
    return this.call(OPERATIONS.myself, async () => {
      const me = objectAnswer(await this.jira.myself.getCurrentUser())
      // A dead token may be served as anonymous: 200, but nobody in it.
      const user = me.accountId ? toJiraUser(me) : null
      if (user === null) throw new AnonymousAnswerError('200 OK without an accountId')
      return user
    })
  }

  getIssues(keys: string[], asked: Asked = {}): Promise<JiraIssue[]> {
    const unique = [...new Set(keys.map((k) => k.toUpperCase()))]
    const fields = fieldsToRead(asked)
    return this.call(OPERATIONS.readIssues, async () => {
      const issues: JiraIssue[] = []
      for (const batch of chunks(unique, BULK_FETCH_LIMIT)) {
        // Unknown keys and invisible issues come back in `issueErrors`: left out, not errors.
        const answer = await this.jira.issues.bulkFetchIssues({
          issueIdsOrKeys: batch,
          fields,
          fieldsByKeys: false,
          properties: ISSUE_PROPERTIES
        })
        for (const json of listIn(answer, 'issues')) {
          const issue = toJiraIssue(json, this.siteUrl, { ...asked, properties: true })
          if (issue !== undefined) issues.push(issue)
        }
      }
      return issues
    })
  }

  searchIssues(
    jql: string,
    options: { max?: number; fields?: string[] } & Asked = {}
  ): Promise<JiraIssue[]> {
    const { max, asked, fields } = searchRequest(options, DEFAULT_SEARCH_MAX)
    return this.call(OPERATIONS.searchIssues, async () => {
      const issues: JiraIssue[] = []
      let nextPageToken: string | undefined
      while (issues.length < max) {
        const page = await this.jira.issueSearch.searchAndReconsileIssuesUsingJql({
          jql,
          fields,
          maxResults: Math.min(SEARCH_PAGE_LIMIT, max - issues.length),
          nextPageToken,
          properties: ISSUE_PROPERTIES
        })
        const list = listIn(page, 'issues')
        for (const json of list) {
          const issue = toJiraIssue(json, this.siteUrl, { ...asked, properties: true })
          if (issue !== undefined && issues.length < max) issues.push(issue)
        }
        nextPageToken = page.nextPageToken ?? undefined
        if (page.isLast === true || nextPageToken === undefined || list.length === 0) break
      }
      return issues
    })
  }

  getRemoteLinks(issueKey: string): Promise<RemoteLink[]> {
    return this.call(OPERATIONS.readRemoteLinks, async () => {
      const answer = await this.jira.issueRemoteLinks.getRemoteIssueLinks({
        issueIdOrKey: issueKey
      })
      return listAnswer(answer)
        .map(toRemoteLink)
        .filter((l): l is RemoteLink => l !== undefined)
    })
  }

  /** An accountId is what issues carry and what JQL takes: nothing to look up. */
  findUser(ref: string): Promise<UserRef | null> {
    return Promise.resolve({ id: ref, jql: ref })
  }

  getWatchers(issueKey: string): Promise<JiraUser[]> {
    return this.call(OPERATIONS.readWatchers, async () => {
      const answer = await this.jira.issueWatchers.getIssueWatchers({ issueIdOrKey: issueKey })
      return listIn(answer, 'watchers')
        .map(toJiraUser)
        .filter((u): u is JiraUser => u !== null)
    })
  }

  async upsertRemoteLink(issueKey: string, link: RemoteLinkInput): Promise<void> {
    if (link.globalId === '' || link.globalId.length > GLOBAL_ID_MAX) {
      throw new Error(`Remote link globalId must be 1 to ${GLOBAL_ID_MAX} characters.`)
    }
    return await this.call(OPERATIONS.writeRemoteLinks, async () => {
      await this.jira.issueRemoteLinks.createOrUpdateRemoteIssueLink({
        issueIdOrKey: issueKey,
        ...remoteLinkBody(link)
      })
    })
  }

  deleteRemoteLink(issueKey: string, globalId: string): Promise<void> {
    // Already gone (or the issue is): the goal is reached.
    return this.call(OPERATIONS.writeRemoteLinks, () =>
      unlessNotFound(
        this.jira.issueRemoteLinks.deleteRemoteIssueLinkByGlobalId({
          issueIdOrKey: issueKey,
          globalId
        }),
        undefined
      )
    )
  }

  getTransitions(issueKey: string): Promise<Transition[]> {
    return this.call(OPERATIONS.readTransitions, async () =>
      toTransitions(
        await this.jira.issues.getTransitions({
          issueIdOrKey: issueKey,
          expand: 'transitions.fields'
        })
      )
    )
  }

  transitionIssue(
    issueKey: string,
    transitionId: string,
    fill?: TransitionFill
  ): Promise<TransitionOutcome> {
    return this.call(OPERATIONS.transitionIssues, async () => {
      try {
        await this.jira.issues.doTransition({
          issueIdOrKey: issueKey,
          transition: { id: transitionId },
          ...transitionFieldsJson(fill)
        })
        return { ok: true }
      } catch (error) {
        // 400: a screen with required fields, a validator, a transition no longer available.
        if (isApiError(error) && error.status === 400) {
          return {
            ok: false,
            reason: detailOf(error.body) || error.message,
            fields: fieldsRefused(error)
          }
        }
        throw error
      }
    })
  }

  addComment(issueKey: string, comment: CommentInput): Promise<string> {
    return this.call(OPERATIONS.writeComments, async () => {
      const written = await this.jira.issueComments.addComment({
        issueIdOrKey: issueKey,
        body: toAdf(comment.body),
        ...(comment.visibility ? { visibility: { ...comment.visibility } } : {})
      })
      if (!written.id) throw new Error(`Jira created a comment on ${issueKey} without an id.`)
      return written.id
    })
  }

  /**
   * The comment is read first and left alone when it already says the same (see sameComment);
   * otherwise edited without notifying the watchers: the same summary again is not news.
   */
  updateComment(issueKey: string, commentId: string, comment: CommentInput): Promise<boolean> {
    return this.call(OPERATIONS.writeComments, () => {
      const wanted = {
        body: toAdf(comment.body),
        ...(comment.visibility ? { visibility: { ...comment.visibility } } : {})
      }
      const rewrite = async () => {
        const id = { issueIdOrKey: issueKey, id: commentId }
        if (!sameComment(await this.jira.issueComments.getComment(id), wanted)) {
          await this.jira.issueComments.updateComment({ ...id, notifyUsers: false, body: wanted })
        }
        return true
      }
      return unlessNotFound(rewrite(), false)
    })
  }

  deleteComment(issueKey: string, commentId: string): Promise<void> {
    return this.call(OPERATIONS.writeComments, () =>
      unlessNotFound(
        this.jira.issueComments.deleteComment({ issueIdOrKey: issueKey, id: commentId }),
        undefined
      )
    )
  }

  getIssueProperty(issueKey: string, propertyKey: string): Promise<unknown> {
    return this.call(OPERATIONS.readProperties, () =>
      unlessNotFound(
        this.jira.issueProperties
          .getIssueProperty({ issueIdOrKey: issueKey, propertyKey })
          .then(valueIn),
        null
      )
    )
  }

  setIssueProperty(issueKey: string, propertyKey: string, value: object): Promise<void> {
    return this.call(OPERATIONS.writeProperties, async () => {
      await this.jira.issueProperties.setIssueProperty({
        issueIdOrKey: issueKey,
        propertyKey,
        body: value as Record<string, unknown>
      })
    })
  }

  createIssue(issue: NewIssue): Promise<CreatedIssue> {
    return this.call(OPERATIONS.createIssues, async () => {
      const created = await this.jira.issues.createIssue({
        fields: {
          project: { key: issue.projectKey },
          issuetype: { name: issue.issueType },
          summary: issue.summary,
          description: toAdf(issue.description),
          labels: issue.labels
        }
      })
      if (!created.key)
        throw new Error(`Jira created an issue in ${issue.projectKey} without a key.`)
      return {
        key: created.key,
        id: created.id ?? '',
        url: `${this.siteUrl}/browse/${created.key}`
      }
    })
  }

  addLabels(issueKey: string, labels: string[]): Promise<void> {
    return this.call(OPERATIONS.editIssues, async () => {
      await this.jira.issues.editIssue({
        issueIdOrKey: issueKey,
        update: { labels: labels.map((label) => ({ add: label })) }
      })
    })
  }

  getIssueLinkTypes(): Promise<IssueLinkType[]> {
    return this.call(OPERATIONS.readLinkTypes, async () => {
      return toIssueLinkTypes(await this.jira.issueLinkTypes.getIssueLinkTypes())
    })
  }

  linkIssues(typeName: string, inwardKey: string, outwardKey: string): Promise<void> {
    return this.call(OPERATIONS.linkIssues, async () => {
      await this.jira.issueLinks.linkIssues({
        type: { name: typeName },
        inwardIssue: { key: inwardKey },
        outwardIssue: { key: outwardKey }
      })
    })
  }
}
