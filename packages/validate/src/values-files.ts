import { posix } from 'node:path';

import { isFleetYamlPath } from './registry.js';
import { parseDocuments } from './resource.js';
import type { ValidationInput } from './types.js';

/**
 * Helm values files named by a fleet.yaml (`helm.valuesFiles`, also per
 * target). Fleet takes them out of the bundle's resources and feeds them to
 * Helm, so they are not manifests and are not validated as such. Paths are
 * relative to the fleet.yaml's directory, as Fleet reads them.
 */
export function referencedValuesFiles(inputs: readonly ValidationInput[]): Set<string> {
  const referenced = new Set<string>();
  for (const input of inputs) {
    if (!isFleetYamlPath(input.path)) continue;
    const base = posix.dirname(normalize(input.path));
    for (const document of parseDocuments(input.path, input.content)) {
      const fleet = asRecord(document.value);
      const helmSections = [fleet?.helm, ...listOf(fleet?.targetCustomizations).map((t) => asRecord(t)?.helm), ...listOf(fleet?.targets).map((t) => asRecord(t)?.helm)];
      for (const helm of helmSections) {
        for (const file of listOf(asRecord(helm)?.valuesFiles)) {
          if (typeof file === 'string') referenced.add(posix.normalize(posix.join(base, file)));
        }
      }
    }
  }
  return referenced;
}

export function normalize(path: string): string {
  return posix.normalize(path.split('\\').join('/'));
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
