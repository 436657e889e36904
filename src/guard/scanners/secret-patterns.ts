// Known credential formats (the shapes documented by each vendor, as detect-secrets and gitleaks list
// them). Generic high-entropy tokens are caught separately by entropy. `mayMatch`: text that every match
// contains (pattern-prefilters.ts), so that a text without it skips the pattern.
import { includesAll, includesAny, type MayMatch } from '../pattern-prefilters.js';

export const secretPatterns: { type: string; pattern: RegExp; mayMatch?: MayMatch }[] = [
  {
    type: 'AWS_ACCESS_KEY',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g,
    mayMatch: includesAny('AKIA', 'ASIA', 'ABIA', 'ACCA'),
  },
  {
    type: 'AWS_SECRET_KEY',
    pattern: /\baws(?:_|\s)?secret(?:_|\s)?(?:access)?(?:_|\s)?key\b\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}\b/gi,
    // [:=]
    mayMatch: includesAny(':', '='),
  },
  {
    type: 'GITHUB_TOKEN',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
    mayMatch: includesAny('gh', 'github_pat_'),
  },
  { type: 'GITLAB_TOKEN', pattern: /\bglpat-[A-Za-z0-9_-]{20}\b/g, mayMatch: includesAny('glpat-') },
  {
    type: 'OPENAI_API_KEY',
    pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}\b/g,
    mayMatch: includesAny('sk-'),
  },
  {
    type: 'ANTHROPIC_API_KEY',
    pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}\b/g,
  },
  { type: 'GOOGLE_API_KEY', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, mayMatch: includesAny('AIza') },
  { type: 'SLACK_TOKEN', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, mayMatch: includesAny('xox') },
  {
    type: 'SLACK_WEBHOOK',
    pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g,
    mayMatch: includesAny('https://hooks.slack.com/services/'),
  },
  {
    type: 'STRIPE_KEY',
    pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g,
    mayMatch: includesAny('_live_', '_test_'),
  },
  { type: 'TWILIO_KEY', pattern: /\bSK[0-9a-fA-F]{32}\b/g, mayMatch: includesAny('SK') },
  {
    type: 'SENDGRID_KEY',
    pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g,
    mayMatch: includesAny('SG.'),
  },
  { type: 'HUGGINGFACE_TOKEN', pattern: /\bhf_[A-Za-z0-9]{34,}\b/g, mayMatch: includesAny('hf_') },
  { type: 'NPM_TOKEN', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, mayMatch: includesAny('npm_') },
  {
    type: 'JWT',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  },
  {
    type: 'PRIVATE_KEY',
    pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z]+ )?PRIVATE KEY-----|$)/g,
    mayMatch: includesAny('-----BEGIN '),
  },
  {
    type: 'BASIC_AUTH_URL',
    pattern: /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{1,256}:[^\s:/@]{1,256}@[^\s/]{1,256}/gi,
    mayMatch: includesAll('://', '@'),
  },
  {
    type: 'PASSWORD_ASSIGNMENT',
    pattern:
      /\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)\b\s*[:=]\s*["']?[^\s"']{8,}/gi,
    // [:=]
    mayMatch: includesAny(':', '='),
  },
];
