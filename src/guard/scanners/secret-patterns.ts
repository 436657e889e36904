// Known credential formats (the shapes documented by each vendor, as detect-secrets and gitleaks list
// them). Generic high-entropy tokens are caught separately by entropy.

export const secretPatterns: { type: string; pattern: RegExp }[] = [
  { type: 'AWS_ACCESS_KEY', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  {
    type: 'AWS_SECRET_KEY',
    pattern: /\baws(?:_|\s)?secret(?:_|\s)?(?:access)?(?:_|\s)?key\b\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}\b/gi,
  },
  { type: 'GITHUB_TOKEN', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { type: 'GITLAB_TOKEN', pattern: /\bglpat-[A-Za-z0-9_-]{20}\b/g },
  { type: 'OPENAI_API_KEY', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}\b/g },
  { type: 'ANTHROPIC_API_KEY', pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}\b/g },
  { type: 'GOOGLE_API_KEY', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { type: 'SLACK_TOKEN', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { type: 'SLACK_WEBHOOK', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g },
  { type: 'STRIPE_KEY', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { type: 'TWILIO_KEY', pattern: /\bSK[0-9a-fA-F]{32}\b/g },
  { type: 'SENDGRID_KEY', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { type: 'HUGGINGFACE_TOKEN', pattern: /\bhf_[A-Za-z0-9]{34,}\b/g },
  { type: 'NPM_TOKEN', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { type: 'JWT', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  {
    type: 'PRIVATE_KEY',
    pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z]+ )?PRIVATE KEY-----|$)/g,
  },
  {
    type: 'BASIC_AUTH_URL',
    pattern: /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{1,256}:[^\s:/@]{1,256}@[^\s/]{1,256}/gi,
  },
  {
    type: 'PASSWORD_ASSIGNMENT',
    pattern:
      /\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)\b\s*[:=]\s*["']?[^\s"']{8,}/gi,
  },
];
