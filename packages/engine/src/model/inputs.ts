import type { ChartCatalog } from '../charts/catalog.js';
import type { ClusterConfig } from '../config/schema.js';

/** What every phase is given: the cluster config and the pinned charts, nothing else. */
export interface PhaseInputs {
  readonly config: ClusterConfig;
  readonly charts: ChartCatalog;
  /** `file#path` entries the secret scan accepts (secrets-allowlist.txt): documented false positives. */
  readonly secretAllowList?: ReadonlySet<string>;
}
