import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { createGuardPolicy, createStreamGuard } from '../policy/index.js';
import {
  checkGroundedness,
  checkGroundednessLexical,
  claimTerms,
  groundednessScanner,
  numberedSources,
  parseJudgeVerdicts,
  splitClaims,
} from './index.js';

const source =
  'The wind tunnel tests were run at a Mach number of 2.5 in 1958. The boundary layer was laminar over ' +
  'the forward half of the wing. Transition did not occur before the shock wave. Dr. Smith measured the ' +
  'drag with a strain-gauge balance.';

describe('splitClaims', () => {
  it('splits sentences with their citations, keeping decimals, abbreviations and initials together', () => {
    const claims = splitClaims(
      "The tests ran at Mach 2.5 in 1958 [1]. Dr. Smith measured the drag, e.g. with a balance [1, 2]. Why? I don't know the rest. Short one [2].",
    );
    expect(claims.map((c) => [c.text, c.citations])).toEqual([
      ['The tests ran at Mach 2.5 in 1958.', [1]],
      ['Dr. Smith measured the drag, e.g. with a balance.', [1, 2]],
    ]);
  });

  it('gives spans into the answer', () => {
    const answer = 'First claim about the wing here [1]. Second claim about the tunnel here [1].';
    for (const claim of splitClaims(answer))
      expect(answer.slice(claim.start, claim.end)).toContain(claim.text.slice(0, -1));
  });
});

describe('lexical groundedness', () => {
  it('extracts numbers, names and negations as claim terms', () => {
    expect(claimTerms('Dr. Smith did not see 1,200 waves at 5% in Paris.')).toMatchObject({
      numbers: ['1200', '5'],
      names: ['smith', 'paris'],
      negations: 1,
    });
  });

  it('supports claims the source states and flags changed numbers, negations, names and words', () => {
    const check = (claim: string) => checkGroundednessLexical(`${claim} [1]`, [source]).claims[0];
    expect(check('The tests were run at a Mach number of 2.5.').supported).toBe(true);
    expect(
      check('According to the source, the boundary layer was laminar over the forward half of the wing.')
        .supported,
    ).toBe(true);
    const number = check('The wind tunnel tests were run at a Mach number of 3.5.');
    expect(number).toMatchObject({ supported: false });
    expect(number.reasons.join()).toContain('numbers:3.5');
    const negated = check('Transition did occur before the shock wave.');
    expect(negated).toMatchObject({ supported: false, reasons: ['negation'] });
    expect(check('The boundary layer was not laminar over the forward half of the wing.').supported).toBe(
      false,
    );
    expect(check('Dr. Jones measured the drag with a strain-gauge balance.').reasons.join()).toContain(
      'names:jones',
    );
    expect(check('The boundary layer was turbulent over the forward half of the wing.').supported).toBe(
      false,
    );
  });

  it('checks a claim only against the sources it cites, all of them when it cites none', () => {
    const other = 'Pressure distributions were measured on a delta wing.';
    expect(
      checkGroundednessLexical('Pressure distributions were measured on a delta wing [1].', [source, other])
        .grounded,
    ).toBe(false);
    expect(
      checkGroundednessLexical('Pressure distributions were measured on a delta wing [2].', [source, other])
        .grounded,
    ).toBe(true);
    const uncited = checkGroundednessLexical('Pressure distributions were measured on a delta wing.', [
      source,
      other,
    ]);
    expect(uncited.claims[0]).toMatchObject({ supported: true, source: 2 });
    const missing = checkGroundednessLexical('Pressure distributions were measured on a delta wing [4].', [
      source,
      other,
    ]);
    expect(missing.claims[0]).toMatchObject({ supported: false, reasons: ['cites missing source 4'] });
  });

  it('rejects sources that are not strings', () => {
    expect(() => checkGroundednessLexical('A claim with some words.', [3 as unknown as string])).toThrow(
      expect.objectContaining({ code: 'GUARD_GROUNDEDNESS_SOURCES_INVALID' }),
    );
  });
});

describe('groundedness in policies', () => {
  const answer =
    'The tests were run at a Mach number of 2.5 [1]. The tests were run at a Mach number of 4 in 1958 [1].';

  it('the scanner reports each unsupported claim with its span, and nothing without sources', () => {
    const scan = groundednessScanner();
    expect(scan(answer).findings).toEqual([]);
    const { findings } = scan(answer, { direction: 'output', sources: [source] });
    expect(findings).toHaveLength(1);
    expect(answer.slice(findings[0].start, findings[0].end)).toContain('Mach number of 4');
  });

  it('runs on outputs when enabled, from checkText and at the end of a stream guard', () => {
    expect(createGuardPolicy().rules.some((r) => r.name === 'groundedness')).toBe(false);
    const policy = createGuardPolicy({ groundedness: { enabled: true }, pii: { enabled: false } });
    const decision = policy.checkText(answer, { direction: 'output', sources: [source] });
    expect(decision.action).toBe('flag');
    expect(decision.findings.filter((f) => f.rule === 'groundedness')).toHaveLength(1);
    expect(
      policy
        .checkText(answer, { direction: 'input', sources: [source] })
        .findings.filter((f) => f.rule === 'groundedness'),
    ).toEqual([]);

    const two = `${answer} Transition did occur before the shock wave [1].`;
    const guard = createStreamGuard(policy, { sources: [source], holdBack: 8, wholeTextEvery: 16 });
    const early = two
      .match(/.{1,10}/gs)!
      .flatMap((piece) => guard.push(piece).findings)
      .filter((f) => f.rule === 'groundedness');
    expect(early).toEqual([]); // never on a partial answer
    const end = guard.end();
    expect(end.findings.filter((f) => f.rule === 'groundedness')).toHaveLength(2);
    expect(end.action).toBe('flag');
  });
});

describe('numberedSources', () => {
  it('reads ask()-style numbered passages up to the question', () => {
    const prompt =
      'Sources:\n\n[1] (doc-a)\nFirst passage\ntext.\n\n[2] (doc-b)\nSecond passage.\n\nQuestion: what?';
    expect(numberedSources(prompt)).toEqual(['First passage\ntext.', 'Second passage.']);
    expect(numberedSources('See [1] for details')).toEqual([]);
  });
});

describe('the judge model', () => {
  const twoClaims =
    'The tests were run at a Mach number of 2.5 [1]. The balance was calibrated twice daily [1].';

  it('parses verdict lines', () => {
    expect([...parseJudgeVerdicts('1: SUPPORTED\n2: UNSUPPORTED\nClaim 3 - not supported')]).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
  });

  it('asks the judge once for all claims and uses its verdicts', async () => {
    const judge = createScriptedModel([{ text: '1: SUPPORTED\n2: UNSUPPORTED' }]);
    const report = await checkGroundedness(twoClaims, [source], { judge });
    expect(report.method).toBe('judge');
    expect(report.claims.map((c) => [c.supported, c.method])).toEqual([
      [true, 'judge'],
      [false, 'judge'],
    ]);
    const prompt = JSON.stringify(judge.calls[0].options.prompt);
    expect(prompt).toContain('[1] The wind tunnel tests');
    expect(prompt).toContain('2. The balance was calibrated twice daily.');
    judge.assertComplete();
  });

  it('falls back to the lexical check when the judge is slow, fails or answers without verdicts', async () => {
    const slow = createScriptedModel([{ text: '1: SUPPORTED\n2: SUPPORTED', delayMs: 2_000 }]);
    const late = await checkGroundedness(twoClaims, [source], { judge: slow, judgeTimeoutMs: 50 });
    expect(late.method).toBe('lexical');
    expect(late.judgeError).toContain('no answer within 50 ms');
    expect(late.unsupported.map((c) => c.text)).toEqual(['The balance was calibrated twice daily.']);

    const down = createScriptedModel([{ type: 'error', message: 'connection refused', status: 503 }]);
    expect((await checkGroundedness(twoClaims, [source], { judge: down })).method).toBe('lexical');
    const chatty = createScriptedModel([{ text: 'Looks fine to me.' }]);
    expect((await checkGroundedness(twoClaims, [source], { judge: chatty })).judgeError).toContain(
      'no verdict',
    );

    const strict = createScriptedModel([{ type: 'error', message: 'boom', status: 500 }]);
    await expect(
      checkGroundedness(twoClaims, [source], { judge: strict, onJudgeFailure: 'throw' }),
    ).rejects.toMatchObject({ code: 'GUARD_GROUNDEDNESS_JUDGE_FAILED' });
  });

  it('decides claims the judge skipped lexically, and rejects an endpoint without a model', async () => {
    const partial = createScriptedModel([{ text: '1: SUPPORTED' }]);
    const report = await checkGroundedness(twoClaims, [source], { judge: partial });
    expect(report.claims.map((c) => c.method)).toEqual(['judge', 'lexical']);
    await expect(
      checkGroundedness(twoClaims, [source], { judge: { baseUrl: 'http://127.0.0.1:9/v1', model: '' } }),
    ).rejects.toMatchObject({ code: 'GUARD_GROUNDEDNESS_JUDGE_INVALID' });
  });
});
