/**
 * The values a JQL query names that Jira says do not exist: its 400 says "The value 'SHPO' does
 * not exist for the field 'project'." (Cloud and Data Center alike) for a project that is not
 * there or that the account cannot browse.
 */
import { isApiError } from 'jira.js'

export function valuesJiraLacks(error: unknown, field: string): string[] {
  if (!isApiError(error) || error.status !== 400) return []
  const { errorMessages } = (error.body ?? {}) as { errorMessages?: unknown }
  const said = Array.isArray(errorMessages) ? errorMessages.map(String) : [error.message]
  const values = said.flatMap((message) =>
    [...message.matchAll(/The value '([^']+)' does not exist for the field '([^']+)'/g)]
      .filter((match) => match[2] === field)
      .map((match) => match[1]!)
  )
  return [...new Set(values)]
}
