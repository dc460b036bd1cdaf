/** The inventory directory: one `<cluster>.yaml` per cluster, shared settings in `_<name>.yaml` files they extend. */
export const INVENTORY_DIR = 'clusters';

/** A cluster file's name: the cluster's name (a DNS label), then .yaml. */
export const CLUSTER_FILE = /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)\.yaml$/;

/** A shared file's name: _ and a DNS label, then .yaml. */
export const BASE_FILE = /^(_[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)\.yaml$/;

/** The cluster a path names when it is a cluster file of the inventory (`clusters/<name>.yaml`, not a shared `_` file). */
export function inventoryClusterOf(path: string): string | undefined {
  return path.startsWith(`${INVENTORY_DIR}/`) ? CLUSTER_FILE.exec(path.slice(INVENTORY_DIR.length + 1))?.[1] : undefined;
}
