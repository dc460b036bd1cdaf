import type { AnyPhaseDefinition } from '@platform/engine';
import { certsDns } from '@platform/certs-dns';
import { gitops } from '@platform/gitops';
import { ingress } from '@platform/ingress';
import { observability } from '@platform/observability';
import { security } from '@platform/security';
import { storage } from '@platform/storage';

/** The rollout, in order: each phase depends only on the ones before it. */
export const phases: readonly AnyPhaseDefinition[] = [storage, ingress, gitops, observability, certsDns, security];
