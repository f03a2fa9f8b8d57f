/** The organisers' health page (issue 18): GET /api/studio-health. */
import type { StudioHealth } from '@studio/contract'
import { http } from './http.ts'

export function fetchStudioHealth(): Promise<StudioHealth> {
  return http.get<StudioHealth>('/api/studio-health')
}
