// `node --import tsx bench/captcha-solver.ts [training] [trials]`: how often the solver kept in
// tests/security reads the captcha (issue #10: at most 5 % of whole answers). Prints figures only.
import { drawSamples, learnSolvers, score } from '../tests/security/captcha-solver';

const [training = 60, trials = 400] = process.argv.slice(2).map(Number);
const solvers = learnSolvers(drawSamples(training));
const samples = drawSamples(trials);
for (const [name, solve] of Object.entries(solvers)) {
  const { solved, digitRate } = score(solve, samples);
  console.log(
    `captcha solver « ${name} », ${training} labelled samples: ${solved}/${trials} answers (${((100 * solved) / trials).toFixed(1)} %, target ≤ 5 %), digits ${(100 * digitRate).toFixed(1)} %`,
  );
}
