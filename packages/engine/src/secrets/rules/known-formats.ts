import type { Hit, StringRule } from './hit.js';

/**
 * Credentials with a published, recognisable shape. Each pattern follows the
 * issuer's documented format; secretlint's recommended preset
 * (github.com/secretlint/secretlint, packages/@secretlint/secretlint-rule-*)
 * checks the same shapes, which is why it was not taken (see the commit).
 */
/** `hints`: literal text every match contains, so a file without any is skipped by `includes`, not a regex pass. */
const FORMATS: ReadonlyArray<{ what: string; hints: readonly string[]; pattern: RegExp }> = [
  // PEM armour (RFC 7468 §2): the label names the payload; private keys are the secret ones.
  { what: 'a PEM private key', hints: ['-----BEGIN'], pattern: /-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/g },
  // Go MySQL driver DSNs (github.com/go-sql-driver/mysql, "DSN (Data Source Name)"): user:password@tcp(host)/db, no URL scheme.
  { what: 'a database DSN with a password', hints: ['@tcp(', '@unix('], pattern: /[A-Za-z0-9_.-]+:[^\s:@/]+@(tcp|unix)\(/g },
  // AWS IAM unique-id prefixes (docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html): AKIA long-term, ASIA temporary.
  { what: 'an AWS access key id', hints: ['AKIA', 'ASIA', 'ABIA', 'ACCA'], pattern: /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  // AWS secret access key, 40 base64 characters, next to its well-known variable names.
  { what: 'an AWS secret access key', hints: ['ecret_access', 'ecretaccess', 'ecretAccess', 'ECRET_ACCESS', 'ECRETACCESS', 'ecret_Access'], pattern: /aws_?secret_?access_?key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}/gi },
  // GitHub token prefixes (github.blog 2021-04-05 "Behind GitHub's new authentication token formats") and fine-grained PATs.
  { what: 'a GitHub token', hints: ['gh', 'github_pat_'], pattern: /\b(gh[pousr]_[0-9A-Za-z]{36,}|github_pat_[0-9A-Za-z_]{22,})\b/g },
  // GitLab token prefixes (docs.gitlab.com/ee/security/token_overview.html#token-prefixes).
  { what: 'a GitLab token', hints: ['gl'], pattern: /\b(glpat|gldt|glrt|glcbt|glptt|glft|glimt|glagent|gloas)-[0-9A-Za-z_-]{20,}/g },
  // Slack tokens (api.slack.com/authentication/token-types) and incoming webhooks (hooks.slack.com/services/T…/B…/…).
  { what: 'a Slack token', hints: ['xox'], pattern: /\bxox[abposre]-[0-9A-Za-z-]{10,}/g },
  { what: 'a Slack webhook URL', hints: ['hooks.slack.com/'], pattern: /hooks\.slack\.com\/(services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/g },
  // Azure storage connection strings (learn.microsoft.com, "Configure Azure Storage connection strings") and SAS signatures.
  { what: 'an Azure storage account key', hints: ['AccountKey='], pattern: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/g },
  { what: 'an Azure SAS signature', hints: ['sig='], pattern: /[?&;]sig=[A-Za-z0-9%+/]{30,}={0,2}/g },
  // Google API keys are "AIza" + 35 characters (cloud.google.com/docs/authentication/api-keys).
  { what: 'a Google API key', hints: ['AIza'], pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  // Stripe secret and restricted keys (docs.stripe.com/keys).
  { what: 'a Stripe secret key', hints: ['k_live_', 'k_test_'], pattern: /\b[sr]k_(live|test)_[0-9A-Za-z]{20,}\b/g },
  // npm automation and publish tokens (docs.npmjs.com, "About access tokens").
  { what: 'an npm token', hints: ['npm_'], pattern: /\bnpm_[0-9A-Za-z]{36}\b/g },
  // Vendor API keys by prefix, as each vendor documents them; secretlint 13.1.0's recommended preset
  // (@secretlint/secretlint-rule-{openai,anthropic,groq,huggingface,linear,notion,sendgrid,grafana,1password,
  // hashicorp-vault,databricks,figma,tailscale,shopify}) checks the same prefixes. Hex-bodied ones
  // (Databricks, Shopify) are why: the entropy rule leaves lowercase hex alone.
  { what: 'an OpenAI API key', hints: ['sk-'], pattern: /\bsk-(proj|svcacct|admin)-[A-Za-z0-9_-]{20,}/g },
  { what: 'an Anthropic API key', hints: ['sk-ant-'], pattern: /\bsk-ant-(api|admin)0\d-[A-Za-z0-9_-]{20,}/g },
  { what: 'a Groq API key', hints: ['gsk_'], pattern: /\bgsk_[A-Za-z0-9]{52}\b/g },
  { what: 'a Hugging Face token', hints: ['hf_'], pattern: /\bhf_[A-Za-z]{34}\b/g },
  { what: 'a Linear API key', hints: ['lin_api_'], pattern: /\blin_api_[A-Za-z0-9_]{32,128}\b/g },
  { what: 'a Notion token', hints: ['ntn_'], pattern: /\bntn_[0-9]{11}[A-Za-z0-9]{35}\b/g },
  { what: 'a SendGrid API key', hints: ['SG.'], pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { what: 'a Grafana service account token', hints: ['glsa_', 'glc_'], pattern: /\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})/g },
  { what: 'a 1Password service account token', hints: ['ops_ey'], pattern: /\bops_ey[A-Za-z0-9+/=]{100,}/g },
  { what: 'a HashiCorp Vault token', hints: ['hvs.', 'hvb.', 'hvr.'], pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g },
  { what: 'a Databricks token', hints: ['dapi'], pattern: /\bdapi[A-Fa-f0-9]{32}(-\d)?\b/g },
  { what: 'a Figma token', hints: ['figd_'], pattern: /\bfigd_[A-Za-z0-9_-]{40,200}/g },
  { what: 'a Tailscale key', hints: ['tskey-'], pattern: /\btskey-[a-z]{2,20}-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}/g },
  { what: 'a Shopify access token', hints: ['shpat_', 'shpca_', 'shppa_', 'shpss_'], pattern: /\bshp(at|ca|pa|ss)_[A-Fa-f0-9]{32}\b/g },
  // A JSON Web Token: base64url header and payload, both JSON objects, so both start with "eyJ" (RFC 7519).
  { what: 'a JSON Web Token', hints: ['eyJ'], pattern: /\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]*/g },
  // An HTTP bearer credential (RFC 6750 §2.1).
  { what: 'a bearer token', hints: ['Bearer'], pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/g },
];

/** Every credential of a documented shape in `text`. */
export const knownFormats: StringRule = (text) => {
  const hits: Hit[] = [];
  for (const { what, hints, pattern } of FORMATS) {
    if (!hints.some((hint) => text.includes(hint))) continue;
    for (const match of text.matchAll(pattern)) hits.push({ what, match: match[0], index: match.index });
  }
  return hits;
};
