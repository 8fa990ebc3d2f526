import { PNG } from 'pngjs';
import { newAnswer, renderCaptcha } from '../../src/main/core/captcha/render';

/**
 * The attack of issue #10, kept as a test tool: a program that reads the captcha's bytes and
 * learns the digits from a few labelled samples. Vector drawings are read by each glyph's path
 * commands; pixels are cut into columns and matched against templates.
 */
export interface Sample {
  image: string;
  answer: string;
}
export type Solver = (image: string) => string;

const bytesOf = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');

/** SVG: each glyph path's sequence of commands (M, C, L…) names its digit; x orders them. */
function svgGlyphs(image: string): { signature: string; x: number }[] {
  const svg = bytesOf(image).toString('utf8');
  return [...svg.matchAll(/<path [^>]*stroke=[^>]*d="([^"]+)"/g)]
    .map(([, d]) => ({ signature: d!.replace(/[^A-Za-z]/g, ''), x: Number(/^M\s*([\d.]+)/.exec(d!)?.[1] ?? 0) }))
    .sort((a, b) => a.x - b.x);
}

function learnSvg(samples: Sample[]): Solver {
  const digitOf = new Map<string, string>();
  for (const { image, answer } of samples)
    svgGlyphs(image).forEach((g, i) => digitOf.set(g.signature, answer[i] ?? '?'));
  return (image) =>
    svgGlyphs(image)
      .map((g) => digitOf.get(g.signature) ?? '?')
      .join('');
}

interface Bitmap {
  width: number;
  height: number;
  ink: Uint8Array;
}

function decode(image: string, erode: boolean): Bitmap {
  const png = PNG.sync.read(bytesOf(image));
  const { width, height, data } = png;
  let ink = new Uint8Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4]! + data[i * 4 + 1]! + data[i * 4 + 2]! < 3 * 128 ? 1 : 0;
  if (erode) {
    // A 3×3 minimum: thin lines and specks vanish, thick digit strokes stay (thinner).
    const kept = new Uint8Array(ink.length);
    for (let y = 1; y < height - 1; y++)
      for (let x = 1; x < width - 1; x++) {
        let all = 1;
        for (let dy = -1; dy <= 1 && all; dy++)
          for (let dx = -1; dx <= 1 && all; dx++) all = ink[(y + dy) * width + x + dx]!;
        kept[y * width + x] = all;
      }
    ink = kept;
  }
  return { width, height, ink };
}

/** Cuts the picture into `count` column runs: ink above the lines' floor, merged or split to fit. */
function columns({ width, height, ink }: Bitmap, count: number): [number, number][] {
  const perColumn = Array.from({ length: width }, (_, x) => {
    let n = 0;
    for (let y = 0; y < height; y++) n += ink[y * width + x]!;
    return n;
  });
  const floor = [...perColumn].sort((a, b) => a - b)[Math.floor(width * 0.1)]! + 3;
  let runs: [number, number][] = [];
  for (let x = 0; x < width; x++) {
    if (perColumn[x]! <= floor) continue;
    const last = runs.at(-1);
    if (last && last[1] === x - 1) last[1] = x;
    else runs.push([x, x]);
  }
  runs = runs.filter(([a, b]) => b - a >= 3);
  while (runs.length > count) {
    let best = 0;
    for (let i = 1; i < runs.length - 1; i++)
      if (runs[i + 1]![0] - runs[i]![1] < runs[best + 1]![0] - runs[best]![1]) best = i;
    runs.splice(best, 2, [runs[best]![0], runs[best + 1]![1]]);
  }
  while (runs.length < count && runs.length > 0) {
    const widest = runs.reduce((w, r, i) => (r[1] - r[0] > runs[w]![1] - runs[w]![0] ? i : w), 0);
    const [a, b] = runs[widest]!;
    const quarter = Math.floor((b - a) / 4);
    let cut = a + quarter;
    for (let x = a + quarter; x <= b - quarter; x++) if (perColumn[x]! < perColumn[cut]!) cut = x;
    runs.splice(widest, 1, [a, cut], [cut + 1, b]);
  }
  return runs;
}

const GRID = [12, 18] as const;

/** A run's ink, cropped to its rows and averaged down to a small grid. */
function features(bitmap: Bitmap, [x0, x1]: [number, number]): number[] {
  const { width, height, ink } = bitmap;
  let [y0, y1] = [height, -1];
  for (let y = 0; y < height; y++)
    for (let x = x0; x <= x1; x++) if (ink[y * width + x]) [y0, y1] = [Math.min(y0, y), Math.max(y1, y)];
  if (y1 < 0) return new Array<number>(GRID[0] * GRID[1]).fill(0);
  const out: number[] = [];
  for (let gy = 0; gy < GRID[1]; gy++)
    for (let gx = 0; gx < GRID[0]; gx++) {
      const [ax, bx] = [x0 + ((x1 - x0 + 1) * gx) / GRID[0], x0 + ((x1 - x0 + 1) * (gx + 1)) / GRID[0]];
      const [ay, by] = [y0 + ((y1 - y0 + 1) * gy) / GRID[1], y0 + ((y1 - y0 + 1) * (gy + 1)) / GRID[1]];
      let [sum, n] = [0, 0];
      for (let y = Math.floor(ay); y < Math.ceil(by); y++)
        for (let x = Math.floor(ax); x < Math.ceil(bx); x++) [sum, n] = [sum + ink[y * width + x]!, n + 1];
      out.push(n ? sum / n : 0);
    }
  return out;
}

function learnPixels(samples: Sample[], erode: boolean): Solver {
  const templates: { digit: string; f: number[] }[] = [];
  for (const { image, answer } of samples) {
    const bitmap = decode(image, erode);
    columns(bitmap, answer.length).forEach((run, i) => templates.push({ digit: answer[i]!, f: features(bitmap, run) }));
  }
  const nearest = (f: number[]) => {
    let [best, bestDistance] = ['?', Infinity];
    for (const t of templates) {
      let d = 0;
      for (let i = 0; i < f.length; i++) d += (f[i]! - t.f[i]!) ** 2;
      if (d < bestDistance) [best, bestDistance] = [t.digit, d];
    }
    return best;
  };
  const length = samples[0]?.answer.length ?? 6;
  return (image) => {
    const bitmap = decode(image, erode);
    return columns(bitmap, length)
      .map((run) => nearest(features(bitmap, run)))
      .join('');
  };
}

/** Every solver this attack knows for the images' format, each taught by the same samples. */
export function learnSolvers(samples: Sample[]): Record<string, Solver> {
  const format = /^data:([^;,]+)/.exec(samples[0]?.image ?? '')?.[1];
  if (format === 'image/svg+xml') return { 'svg path commands': learnSvg(samples) };
  if (format === 'image/png')
    return {
      'png columns + templates': learnPixels(samples, false),
      'png eroded + columns + templates': learnPixels(samples, true),
    };
  throw new Error(`no solver for ${format}`);
}

/** Captchas drawn by the kiosk's renderer, each with its answer. */
export const drawSamples = (count: number): Sample[] =>
  Array.from({ length: count }, () => {
    const answer = newAnswer();
    return { answer, image: renderCaptcha(answer).image };
  });

/** How a solver does: whole answers right, and the share of single digits right. */
export function score(solve: Solver, trials: Sample[]): { solved: number; digitRate: number } {
  let [solved, digits, total] = [0, 0, 0];
  for (const { image, answer } of trials) {
    const guess = solve(image);
    if (guess === answer) solved += 1;
    for (let i = 0; i < answer.length; i++) digits += guess[i] === answer[i] ? 1 : 0;
    total += answer.length;
  }
  return { solved, digitRate: digits / total };
}
