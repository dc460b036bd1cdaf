/**
 * Resolves an index entry's archive URL (`urls[0]`) or `index.yaml` against
 * the repository URL exactly as Helm does: helm v3 pkg/repo/chartrepo.go,
 * ResolveReferenceURL (the same from v3.14 to v3.21). An absolute reference
 * is taken as it is; otherwise the repository URL gets one trailing slash (so
 * `https://host/charts` and `https://host/charts/` both resolve `x.tgz` to
 * `https://host/charts/x.tgz`), the reference is resolved against it (RFC
 * 3986: `../x.tgz` and `/x.tgz` leave the repository path), and the result
 * carries the repository URL's query, never the reference's.
 * FindChartInAuthAndTLSAndPassRepoURL resolves `urls[0]` this way;
 * DownloadIndexFile resolves "index.yaml" this way.
 */
export function resolveReferenceUrl(base: string, reference: string): string {
  // Go's url.IsAbs: the reference has a scheme.
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(reference)) return reference;
  const baseUrl = new URL(base);
  baseUrl.pathname = `${baseUrl.pathname.replace(/\/$/, '')}/`;
  const query = baseUrl.search;
  const resolved = new URL(reference, baseUrl);
  resolved.search = query;
  return resolved.href;
}

/** The index URL of a repository, as Helm's DownloadIndexFile computes it. */
export function indexUrl(repository: string): string {
  return resolveReferenceUrl(repository, 'index.yaml');
}

/**
 * A URL for messages: user and password replaced, so a mirror URL with
 * credentials never reaches a log.
 */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.username === '' && url.password === '') return value;
    url.username = '***';
    url.password = '';
    return url.href;
  } catch {
    return value.replace(/\/\/[^/@]*@/, '//***@');
  }
}
