/**
 * Auto-approved domains are edited as text, one per line; these convert between that
 * text and the list PUT /api/settings takes, and point an error at its line.
 */
export function domainsFromText(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim().replace(/^@/, ''))
    .filter(Boolean)
}

export function domainsToText(domains: readonly string[]): string {
  return domains.join('\n')
}

/** zod issues on `autoApproveDomains.<index>` as "example com: Give domains like …". */
export function domainProblems(
  domains: readonly string[],
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string[] {
  return issues.map((issue) => {
    const index = issue.path[1]
    return typeof index === 'number' && domains[index] !== undefined ? `${domains[index]}: ${issue.message}` : issue.message
  })
}
