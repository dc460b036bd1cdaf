/** One object Helm rendered, with where it came from. */
export interface RenderedObject {
  /** The path in Helm's `# Source:` comment, e.g. "ingress-nginx/templates/controller-deployment.yaml". */
  readonly source: string;
  /** The object as the cluster's clients parse it. */
  readonly object: Readonly<Record<string, unknown>>;
  /** The document's text as Helm printed it (a crds/ file may hold several objects: each gets the whole file). */
  readonly manifest: string;
  /** helm.sh/hook events when the object is a hook (Helm creates hooks around install and upgrade, not with the release). */
  readonly hook?: readonly string[];
}

/** A rendered object's kind, namespace and name, for messages. */
export function describeObject(object: Readonly<Record<string, unknown>>): string {
  const metadata = (object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return `${String(object.kind ?? '?')} ${metadata.namespace ? `${String(metadata.namespace)}/` : ''}${String(metadata.name ?? '?')}`;
}
