import { k8s } from 'cdk8s-plus-30';
import { ChartCatalog, FleetBundle, fleetPhase, Platform, type AnyPhaseDefinition } from '@platform/engine';
import { testConfig } from '@platform/engine/testing';

/**
 * A platform of `count` Fleet bundles built with the same engine as the real
 * one: each bundle a namespaced app (ConfigMap, Deployment, Service), every
 * tenth depending on the one before, spread over ten phases.
 */
export function syntheticPlatform(count: number): Platform {
  const phaseCount = 10;
  const phases: AnyPhaseDefinition[] = [];
  let previous: FleetBundle | undefined;
  for (let p = 0; p < phaseCount; p += 1) {
    phases.push(
      fleetPhase({
        name: `phase-${String(p).padStart(2, '0')}`,
        summary: 'synthetic',
        source: 'packages/platform/src/bench',
        build(phase) {
          for (let index = p; index < count; index += phaseCount) {
            const name = `app-${String(index).padStart(4, '0')}`;
            const bundle: FleetBundle = new FleetBundle(phase, name, { namespace: name, ...(previous && index % 10 === 0 ? { dependsOn: [previous] } : {}) });
            app(bundle, name);
            previous = bundle;
          }
        },
      }),
    );
  }
  return new Platform({ config: testConfig(), charts: ChartCatalog.of([]) }, phases);
}

function app(bundle: FleetBundle, name: string): void {
  const labels = { 'app.kubernetes.io/name': name };
  new k8s.KubeConfigMap(bundle, 'config', { metadata: { name, namespace: name }, data: { 'LOG_LEVEL': 'info', 'LISTEN': ':8080' } });
  new k8s.KubeDeployment(bundle, 'deployment', {
    metadata: { name, namespace: name, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'app',
              image: `registry.example.com/${name}:1.4.2`,
              ports: [{ containerPort: 8080, name: 'http' }],
              envFrom: [{ configMapRef: { name } }],
              resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') }, limits: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('256Mi') } },
              readinessProbe: { httpGet: { path: '/healthz', port: k8s.IntOrString.fromString('http') } },
            },
          ],
        },
      },
    },
  });
  new k8s.KubeService(bundle, 'service', { metadata: { name, namespace: name, labels }, spec: { selector: labels, ports: [{ port: 80, targetPort: k8s.IntOrString.fromString('http') }] } });
}
