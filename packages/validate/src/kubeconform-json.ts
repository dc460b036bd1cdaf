import { jsonText } from '@platform/report';

import { clip } from './excerpt.js';
import type { ResourceResult, ValidationReport } from './types.js';

const JSON_STATUS: Record<ResourceResult['status'], string> = {
  valid: 'statusValid',
  invalid: 'statusInvalid',
  error: 'statusError',
  skipped: 'statusSkipped',
};

/** The problems of one resource in one line, `path: message; path: message` (kubeconform's `msg`). */
export function resourceMessage(resource: ResourceResult): string {
  return resource.errors.map((error) => (error.path === '' ? error.message : `${error.path}: ${error.message}`)).join('; ');
}

/**
 * kubeconform's JSON (pkg/output/json.go, v0.7.0): `resources` lists invalid
 * and error results (all with --verbose) as filename, kind, name, version,
 * status, msg and validationErrors (path as a JSON pointer, msg); `summary`
 * only when the summary is on. This stays validate's own mapping rather than
 * the shared JSON format: kubeconform's consumers read kind, name and version
 * as separate fields and each error's path as a JSON pointer, which the
 * shared report model (a case with a label and findings) does not carry.
 */
export function kubeconformJson(report: ValidationReport, options: { verbose: boolean; summary: boolean }): string {
  const resources = report.files
    .flatMap((file) => file.resources)
    .filter((resource) => options.verbose || resource.status === 'invalid' || resource.status === 'error')
    .map((resource) => ({
      filename: resource.file,
      kind: clip(resource.kind ?? ''),
      name: clip(resource.name ?? ''),
      version: clip(resource.apiVersion ?? ''),
      status: JSON_STATUS[resource.status],
      msg: resource.status === 'invalid' || resource.status === 'error' ? resourceMessage(resource) : '',
      ...(resource.status === 'invalid' ? { validationErrors: resource.errors.map((error) => ({ path: error.pointer, msg: error.message })) } : {}),
    }));
  const { valid, invalid, errors, skipped } = report.summary;
  const shaped = options.summary ? { resources, summary: { valid, invalid, errors, skipped } } : { resources };
  return `${jsonText(shaped)}\n`;
}
