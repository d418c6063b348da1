/**
 * Writes a repository secret (the rotated Jira OAuth refresh token): GitHub's public key, a
 * libsodium sealed box, then PUT. Needs a token allowed "Secrets: write"; GITHUB_TOKEN is not.
 */
import { getOctokit } from '@actions/github'
import sodium from 'libsodium-wrappers'
import { UserError } from '../util/errors.js'

export type SecretsOctokit = ReturnType<typeof getOctokit>

export interface RepoPublicKey {
  keyId: string
  /** Base64 (standard alphabet) Curve25519 public key. */
  key: string
}

export interface RepoSecretStore {
  /** `owner/repo`, for messages. */
  readonly repository: string
  /** Also proves the token can reach the repository's secrets, before anything is changed. */
  getPublicKey(): Promise<RepoPublicKey>
  /** Seals `value` with `key` and creates or replaces the secret `name`. */
  write(name: string, value: string, key: RepoPublicKey): Promise<void>
}

export interface RepoSecretStoreOptions {
  owner: string
  repo: string
  /** `secrets-token`; used only when no `octokit` is given. */
  token?: string
  /** For tests, or to reuse a client. */
  octokit?: SecretsOctokit
}

const PERMISSION_HINT =
  "'secrets-token' needs the repository permission \"Secrets: write\" (fine-grained token) or the 'repo' scope (classic token); GITHUB_TOKEN cannot write secrets"

function statusOf(error: unknown): string {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? `${status}` : 'no answer'
}

/** A libsodium sealed box of `value` for GitHub's secrets API, base64 (standard alphabet). */
export async function sealSecret(value: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL)
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key)
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL)
}

export function createRepoSecretStore(options: RepoSecretStoreOptions): RepoSecretStore {
  const { owner, repo } = options
  const repository = `${owner}/${repo}`
  let octokit = options.octokit
  const client = (): SecretsOctokit => {
    if (octokit !== undefined) return octokit
    if (options.token === undefined) {
      throw new UserError("'secrets-token' is empty: it is needed to write repository secrets.")
    }
    // Explicit base URL: @actions/github reads GITHUB_API_URL only once, when it is loaded.
    octokit = getOctokit(options.token, {
      baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com'
    })
    return octokit
  }
  return {
    repository,
    async getPublicKey() {
      try {
        const { data } = await client().rest.actions.getRepoPublicKey({ owner, repo })
        return { keyId: data.key_id, key: data.key }
      } catch (error) {
        if (error instanceof UserError) throw error
        throw new UserError(
          `Could not read the secrets public key of ${repository} (${statusOf(error)}): ${PERMISSION_HINT}.`,
          { title: 'Repository secret', cause: error }
        )
      }
    },
    async write(name, value, key) {
      const encrypted = await sealSecret(value, key.key)
      try {
        await client().rest.actions.createOrUpdateRepoSecret({
          owner,
          repo,
          secret_name: name,
          encrypted_value: encrypted,
          key_id: key.keyId
        })
      } catch (error) {
        throw new UserError(
          `Could not write the repository secret '${name}' of ${repository} (${statusOf(error)}): ${PERMISSION_HINT}.`,
          { title: 'Repository secret', cause: error }
        )
      }
    }
  }
}
