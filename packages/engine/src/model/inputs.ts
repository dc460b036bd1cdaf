import type { ChartCatalog } from '../charts/catalog.js';
import type { ClusterConfig } from '../config/schema.js';
import type { AllowList } from '../secrets/allowlist.js';
import type { OutputLayout } from '../output/layout.js';
import type { ClusterSource } from '../config/inventory.js';

/** What every phase is given: the cluster config and the pinned charts, nothing else. */
export interface PhaseInputs {
  readonly config: ClusterConfig;
  readonly charts: ChartCatalog;
  /** Documented false positives of the secret scan (secrets-allowlist.txt): each pins one value at one path. */
  readonly secretAllowList?: AllowList;
  /** Where every generated file goes; the single-cluster layout when absent. */
  readonly layout?: OutputLayout;
  /** The inventory files the config came from, when it came from the inventory (names the file to edit). */
  readonly source?: ClusterSource;
}
