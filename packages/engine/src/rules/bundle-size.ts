import { gzipSync } from 'node:zlib';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/** Fleet refuses bundles whose resources exceed 1 MB gzipped; stay well under it. */
export const MAX_BUNDLE_GZIP_BYTES = 512 * 1024;

export const bundleSize: Rule = {
  id: 'bundle-size',
  summary: `a bundle's files stay under ${MAX_BUNDLE_GZIP_BYTES / 1024} KiB gzipped`,
  check(view) {
    const findings: Finding[] = [];
    for (const bundle of view.bundles) {
      const size = gzipSync(bundle.files.map(([, content]) => content).join('\n')).length;
      if (size > MAX_BUNDLE_GZIP_BYTES) findings.push(error(this.id, bundle.fleetYamlFile, `bundle is ${size} bytes gzipped; this project keeps bundles under ${MAX_BUNDLE_GZIP_BYTES}`, { hint: 'split it' }));
    }
    return findings;
  },
};
