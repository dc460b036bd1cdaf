import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VALIDATOR_FILE, configSchemaFingerprint, configValidator, configValidatorAjv } from './compiled.js';
import { clusterConfigSchema } from './schema.js';
import { testConfig } from '../testing.js';

describe('the precompiled config validator', () => {
  it('is built at install from exactly this schema, and used', () => {
    expect(existsSync(CONFIG_VALIDATOR_FILE), 'the engine postinstall writes generated/config-validator.cjs').toBe(true);
    expect((configValidator() as { fingerprint?: string }).fingerprint).toBe(configSchemaFingerprint());
  });

  it('answers exactly as the schema compiled at run time, errors and all', () => {
    const precompiled = configValidator();
    const runtime = configValidatorAjv().compile(clusterConfigSchema);
    const good = testConfig();
    const cases: unknown[] = [
      good,
      { ...good, cluster: { ...good.cluster, loadBalancerIP: '127.0.0.1', domain: 'Not_A_Host' } },
      { ...good, fleet: { ...good.fleet, pollingInterval: '5s', target: { clusterLabels: { 'bad key!': 'x' } } } },
      { ...good, git: { repo: 'http://user:pw@example.com/x.git', branch: 'a..b' }, extra: 1 },
      { ...good, charts: { loki: { version: '^1.0' } }, storage: { replicaCount: '2' } },
      'not a mapping',
    ];
    for (const config of cases) {
      expect(precompiled(config)).toBe(runtime(config));
      const shape = (errors: typeof runtime.errors) => (errors ?? []).map((error) => [error.instancePath, error.keyword, error.params, (error.parentSchema as { description?: string } | undefined)?.description]);
      expect(shape(precompiled.errors)).toEqual(shape(runtime.errors));
    }
  });
});
