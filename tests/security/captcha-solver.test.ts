import { describe, expect, it } from 'vitest';
import { newAnswer, renderCaptcha } from '../../src/main/core/captcha/render';
import { learnSolvers, type Sample } from './captcha-solver';

const TRAINING = 60;
const TRIALS = 400;

const draw = (): Sample => {
  const answer = newAnswer();
  return { answer, image: renderCaptcha(answer).image };
};

// The figures: `node --import tsx bench/captcha-solver.ts`.
describe('issue #10 item 4: a program that reads the captcha image', () => {
  it('gets at most 5 % of the answers right, whatever it learned from labelled samples', () => {
    const solvers = learnSolvers(Array.from({ length: TRAINING }, draw));
    const trials = Array.from({ length: TRIALS }, draw);
    for (const [name, solve] of Object.entries(solvers)) {
      let [solved, digits] = [0, 0];
      for (const { image, answer } of trials) {
        const guess = solve(image);
        if (guess === answer) solved += 1;
        for (let i = 0; i < answer.length; i++) if (guess[i] === answer[i]) digits += 1;
      }
      const digitRate = digits / (TRIALS * 6);
      const figure = `« ${name} »: ${solved}/${TRIALS} answers, ${(100 * digitRate).toFixed(1)} % of digits`;
      // It is a real attack (far better than chance on single digits, 12.5 %)…
      expect(digitRate, figure).toBeGreaterThan(0.2);
      // …that still fails on whole answers.
      expect(solved / TRIALS, figure).toBeLessThanOrEqual(0.05);
    }
  }, 600_000);
});
