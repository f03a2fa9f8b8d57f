/**
 * The history endpoints (issue 13): a document's versions, naming one, one version's
 * content, a compare with another version or now, and restoring one. `documentName` is
 * encoded by the contract's `historyPaths`.
 */
import { historyPaths, type CompareResponse, type Version, type VersionList, type VersionResponse, type VersionWithContent } from '@studio/contract'
import { http } from './http.ts'

export async function fetchVersions(documentName: string): Promise<Version[]> {
  return (await http.get<VersionList>(historyPaths.versions(documentName))).versions
}

export async function nameVersion(documentName: string, name: string): Promise<Version> {
  return (await http.post<VersionResponse>(historyPaths.versions(documentName), { name })).version
}

export function fetchVersion(documentName: string, id: string): Promise<VersionWithContent> {
  return http.get<VersionWithContent>(historyPaths.version(documentName, id))
}

/** What changed from version `from` to version `to`, or to now, and the names of the members it credits. */
export function compareVersions(documentName: string, from: string, to: string | 'now' = 'now'): Promise<CompareResponse> {
  return http.get<CompareResponse>(historyPaths.compare(documentName, from, to))
}

/** Restores version `id`; answers the before-restore version the server captured first. */
export async function restoreVersion(documentName: string, id: string): Promise<Version> {
  return (await http.post<VersionResponse>(historyPaths.restore(documentName, id))).version
}
