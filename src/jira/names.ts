/**
 * Names people type for Jira's (statuses in the config file, resolutions the action prefers):
 * case, runs of spaces and the kind of apostrophe (`Won’t Do`) do not matter.
 */
export function normalName(name: string): string {
  return name.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim()
}

export function sameName(a: string, b: string): boolean {
  return normalName(a) === normalName(b)
}
