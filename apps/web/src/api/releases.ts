/** Releases (issue 16): the list, releasing a version of the matrix, and withdrawing a release. */
import { releasePaths, type CreateReleaseInput, type Release, type ReleaseList, type ReleaseResponse } from '@studio/contract'
import { http } from './http.ts'

export async function fetchReleases(): Promise<Release[]> {
  return (await http.get<ReleaseList>(releasePaths.list)).releases
}

export async function createRelease(body: CreateReleaseInput): Promise<Release> {
  return (await http.post<ReleaseResponse>(releasePaths.list, body)).release
}

export async function withdrawRelease(id: string): Promise<Release> {
  return (await http.post<ReleaseResponse>(releasePaths.withdraw(id))).release
}
