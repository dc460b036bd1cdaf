import type { Hit, StringRule } from './hit.js';

/**
 * Credentials with a published, recognisable shape. Each pattern follows the
 * issuer's documented format; secretlint's recommended preset
 * (github.com/secretlint/secretlint, packages/@secretlint/secretlint-rule-*)
 * checks the same shapes, which is why it was not taken (see the commit).
 */
const FORMATS: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  // PEM armour (RFC 7468 §2): the label names the payload; private keys are the secret ones.
  { what: 'a PEM private key', pattern: /-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/g },
  // AWS IAM unique-id prefixes (docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html): AKIA long-term, ASIA temporary.
  { what: 'an AWS access key id', pattern: /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  // AWS secret access key, 40 base64 characters, next to its well-known variable names.
  { what: 'an AWS secret access key', pattern: /aws_?secret_?access_?key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}/gi },
  // GitHub token prefixes (github.blog 2021-04-05 "Behind GitHub's new authentication token formats") and fine-grained PATs.
  { what: 'a GitHub token', pattern: /\b(gh[pousr]_[0-9A-Za-z]{36,}|github_pat_[0-9A-Za-z_]{22,})\b/g },
  // GitLab token prefixes (docs.gitlab.com/ee/security/token_overview.html#token-prefixes).
  { what: 'a GitLab token', pattern: /\b(glpat|gldt|glrt|glcbt|glptt|glft|glimt|glagent|gloas)-[0-9A-Za-z_-]{20,}/g },
  // Slack tokens (api.slack.com/authentication/token-types) and incoming webhooks (hooks.slack.com/services/T…/B…/…).
  { what: 'a Slack token', pattern: /\bxox[abposre]-[0-9A-Za-z-]{10,}/g },
  { what: 'a Slack webhook URL', pattern: /hooks\.slack\.com\/(services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/g },
  // Azure storage connection strings (learn.microsoft.com, "Configure Azure Storage connection strings") and SAS signatures.
  { what: 'an Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/g },
  { what: 'an Azure SAS signature', pattern: /[?&;]sig=[A-Za-z0-9%+/]{30,}={0,2}/g },
  // Google API keys are "AIza" + 35 characters (cloud.google.com/docs/authentication/api-keys).
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  // Stripe secret and restricted keys (docs.stripe.com/keys).
  { what: 'a Stripe secret key', pattern: /\b[sr]k_(live|test)_[0-9A-Za-z]{20,}\b/g },
  // npm automation and publish tokens (docs.npmjs.com, "About access tokens").
  { what: 'an npm token', pattern: /\bnpm_[0-9A-Za-z]{36}\b/g },
  // Vendor API keys by prefix, as each vendor documents them; secretlint 13.1.0's recommended preset
  // (@secretlint/secretlint-rule-{openai,anthropic,groq,huggingface,linear,notion,sendgrid,grafana,1password,
  // hashicorp-vault,databricks,figma,tailscale,shopify}) checks the same prefixes. Hex-bodied ones
  // (Databricks, Shopify) are why: the entropy rule leaves lowercase hex alone.
  { what: 'an OpenAI API key', pattern: /\bsk-(proj|svcacct|admin)-[A-Za-z0-9_-]{20,}/g },
  { what: 'an Anthropic API key', pattern: /\bsk-ant-(api|admin)0\d-[A-Za-z0-9_-]{20,}/g },
  { what: 'a Groq API key', pattern: /\bgsk_[A-Za-z0-9]{52}\b/g },
  { what: 'a Hugging Face token', pattern: /\bhf_[A-Za-z]{34}\b/g },
  { what: 'a Linear API key', pattern: /\blin_api_[A-Za-z0-9_]{32,128}\b/g },
  { what: 'a Notion token', pattern: /\bntn_[0-9]{11}[A-Za-z0-9]{35}\b/g },
  { what: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { what: 'a Grafana service account token', pattern: /\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})/g },
  { what: 'a 1Password service account token', pattern: /\bops_ey[A-Za-z0-9+/=]{100,}/g },
  { what: 'a HashiCorp Vault token', pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g },
  { what: 'a Databricks token', pattern: /\bdapi[A-Fa-f0-9]{32}(-\d)?\b/g },
  { what: 'a Figma token', pattern: /\bfigd_[A-Za-z0-9_-]{40,200}/g },
  { what: 'a Tailscale key', pattern: /\btskey-[a-z]{2,20}-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}/g },
  { what: 'a Shopify access token', pattern: /\bshp(at|ca|pa|ss)_[A-Fa-f0-9]{32}\b/g },
  // A JSON Web Token: base64url header and payload, both JSON objects, so both start with "eyJ" (RFC 7519).
  { what: 'a JSON Web Token', pattern: /\beyJ[0-9A-Za-z_-]{8,}\.eyJ[0-9A-Za-z_-]{8,}\.[0-9A-Za-z_-]*/g },
  // An HTTP bearer credential (RFC 6750 §2.1).
  { what: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/g },
];

/** Every shape's fixed part, so the common case (no credential) costs one regex pass, not fourteen. */
const ANY_FORMAT =
  /-----BEGIN|A[SKBC][IC]A|aws_?secret|gh[pousr]_|github_pat_|gl[a-z]{2,6}-|xox|hooks\.slack|AccountKey=|sig=|AIza|k_live_|k_test_|npm_|eyJ|Bearer|sk-|gsk_|hf_|lin_api_|ntn_|SG\.|glsa_|glc_|ops_|hv[sbr]\.|dapi|figd_|tskey-|shp[acps][at]_/i;

/** Every credential of a documented shape in `text`. */
export const knownFormats: StringRule = (text) => {
  if (!ANY_FORMAT.test(text)) return [];
  const hits: Hit[] = [];
  for (const { what, pattern } of FORMATS) {
    for (const match of text.matchAll(pattern)) hits.push({ what, match: match[0], index: match.index });
  }
  return hits;
};
