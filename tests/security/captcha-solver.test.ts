import { describe, expect, it } from 'vitest';
import { drawSamples, learnSolvers, score } from './captcha-solver';

const TRAINING = 60;
const TRIALS = 400;

// The figures: `node --import tsx bench/captcha-solver.ts`.
describe('issue #10 item 4: a program that reads the captcha image', () => {
  it('gets at most 5 % of the answers right, whatever it learned from labelled samples', () => {
    const solvers = learnSolvers(drawSamples(TRAINING));
    const trials = drawSamples(TRIALS);
    for (const [name, solve] of Object.entries(solvers)) {
      const { solved, digitRate } = score(solve, trials);
      const figure = `« ${name} »: ${solved}/${TRIALS} answers, ${(100 * digitRate).toFixed(1)} % of digits`;
      // It is a real attack (far better than chance on single digits, 12.5 %)…
      expect(digitRate, figure).toBeGreaterThan(0.2);
      // …that still fails on whole answers.
      expect(solved / TRIALS, figure).toBeLessThanOrEqual(0.05);
    }
  }, 600_000);
});
