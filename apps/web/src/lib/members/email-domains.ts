/**
 * Auto-approved email domains (not the matrix's competency domains) are edited as text, one
 * per line; these convert between that text and the list PUT /api/settings takes, and point
 * an error at its line.
 */
export function emailDomainsFromText(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim().replace(/^@/, ''))
    .filter(Boolean)
}

export function emailDomainsToText(emailDomains: readonly string[]): string {
  return emailDomains.join('\n')
}

/** zod issues on `autoApproveDomains.<index>` as "example com: Give domains like …". */
export function emailDomainProblems(
  emailDomains: readonly string[],
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string[] {
  return issues.map((issue) => {
    const index = issue.path[1]
    return typeof index === 'number' && emailDomains[index] !== undefined ? `${emailDomains[index]}: ${issue.message}` : issue.message
  })
}
