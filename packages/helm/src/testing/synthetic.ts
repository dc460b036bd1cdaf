import { writeChart } from './write-chart.js';

/**
 * A chart of the size of the platform's biggest (kube-prometheus-stack renders
 * a few hundred objects from ~150 templates and a 5,000-line values.yaml):
 * `templates` files, each a named helper plus a loop of `perTemplate`
 * Deployments and Services drawn from values.
 */
export function writeBigChart(parent: string, templates = 150, perTemplate = 2): string {
  const values = ['components:'];
  for (let t = 0; t < templates; t++) {
    values.push(`  c${t}:`, '    enabled: true', '    replicas: 2', `    image: {repository: registry.example/c${t}, tag: "1.${t}.0"}`, '    resources: {limits: {cpu: 500m, memory: 256Mi}, requests: {cpu: 50m, memory: 64Mi}}', '    labels:');
    for (let l = 0; l < 10; l++) values.push(`      label${l}: value${l}`);
  }
  const files: Record<string, string> = {
    '_helpers.tpl': '{{- define "big.labels" -}}\napp.kubernetes.io/name: {{ .name }}\napp.kubernetes.io/instance: {{ .root.Release.Name }}\n{{- range $k, $v := .labels }}\n{{ $k }}: {{ $v | quote }}\n{{- end }}\n{{- end -}}\n',
  };
  for (let t = 0; t < templates; t++) {
    files[`c${t}.yaml`] = `{{- $c := .Values.components.c${t} }}
{{- if $c.enabled }}
{{- range $i := until ${perTemplate} }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: c${t}-{{ $i }}
  labels:
    {{- include "big.labels" (dict "name" "c${t}" "root" $ "labels" $c.labels) | nindent 4 }}
spec:
  replicas: {{ $c.replicas }}
  selector:
    matchLabels: {app: c${t}-{{ $i }}}
  template:
    metadata:
      labels: {app: c${t}-{{ $i }}}
    spec:
      containers:
        - name: main
          image: "{{ $c.image.repository }}:{{ $c.image.tag }}"
          resources: {{- toYaml $c.resources | nindent 12 }}
---
apiVersion: v1
kind: Service
metadata:
  name: c${t}-{{ $i }}
spec:
  selector: {app: c${t}-{{ $i }}}
  ports: [{port: 80, targetPort: 8080}]
{{- end }}
{{- end }}
`;
  }
  return writeChart({ name: 'big', values: `${values.join('\n')}\n`, templates: files }, parent);
}
