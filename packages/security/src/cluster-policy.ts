import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

/** A Kyverno validate rule as written for Kyverno 1.16 (kyverno.io/v1). */
export interface ValidateRule {
  readonly name: string;
  readonly match: { readonly any: ReadonlyArray<{ readonly resources: { readonly kinds: readonly string[] } }> };
  readonly exclude?: { readonly any: ReadonlyArray<{ readonly resources: { readonly namespaces: readonly string[] } }> };
  readonly validate: {
    /** Per rule since Kyverno 1.13; the policy-level validationFailureAction is deprecated. */
    readonly failureAction: 'Audit' | 'Enforce';
    readonly message: string;
    readonly pattern?: Record<string, unknown>;
    readonly foreach?: ReadonlyArray<Record<string, unknown>>;
  };
}

export interface ClusterPolicyProps {
  readonly name: string;
  readonly title: string;
  readonly category: string;
  readonly severity: 'low' | 'medium' | 'high';
  readonly description: string;
  readonly rules: readonly ValidateRule[];
}

/** A Kyverno ClusterPolicy that also reports on existing resources (background scans). */
export class ClusterPolicy extends ApiObject {
  readonly rules: readonly ValidateRule[];

  constructor(scope: Construct, props: ClusterPolicyProps) {
    super(scope, props.name, {
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: {
        name: props.name,
        annotations: {
          'policies.kyverno.io/title': props.title,
          'policies.kyverno.io/category': props.category,
          'policies.kyverno.io/severity': props.severity,
          'policies.kyverno.io/subject': 'Pod',
          'policies.kyverno.io/description': props.description,
        },
      },
      spec: { background: true, rules: props.rules },
    });
    this.rules = props.rules;
  }
}
