// `node --import tsx bench/captcha-solver.ts [training] [trials]`: how often the solver kept in
// tests/security reads the captcha (issue #10: at most 5 % of whole answers). Prints figures only.
import { newAnswer, renderCaptcha } from '../src/main/core/captcha/render';
import { learnSolvers, type Sample } from '../tests/security/captcha-solver';

const [training = 60, trials = 400] = process.argv.slice(2).map(Number);
const draw = (): Sample => {
  const answer = newAnswer();
  return { answer, image: renderCaptcha(answer).image };
};
const solvers = learnSolvers(Array.from({ length: training }, draw));
const samples = Array.from({ length: trials }, draw);
for (const [name, solve] of Object.entries(solvers)) {
  let [whole, digits] = [0, 0];
  for (const { image, answer } of samples) {
    const guess = solve(image);
    if (guess === answer) whole += 1;
    for (let i = 0; i < answer.length; i++) if (guess[i] === answer[i]) digits += 1;
  }
  console.log(
    `captcha solver « ${name} », ${training} labelled samples: ${whole}/${trials} answers (${((100 * whole) / trials).toFixed(1)} %, target ≤ 5 %), digits ${((100 * digits) / (trials * 6)).toFixed(1)} %`,
  );
}
