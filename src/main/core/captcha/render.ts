import { randomInt } from 'node:crypto';
import svgCaptcha from 'svg-captcha';

/**
 * Digits a person cannot confuse in the captcha's font: no 0 (read as O or 6), no 1 (read as 7
 * or l). Eight symbols over six places still leave 262,144 answers.
 */
export const CAPTCHA_DIGITS = '23456789';
export const CAPTCHA_LENGTH = 6;
export const CAPTCHA_WIDTH = 360;
export const CAPTCHA_HEIGHT = 120;

/** svg-captcha's main export draws a given text; its typings only describe the helpers. */
const draw = svgCaptcha as unknown as (text: string, options: Record<string, unknown>) => string;

/** A fresh answer from the OS's random source (svg-captcha's own draws on Math.random). */
export function newAnswer(): string {
  let answer = '';
  for (let i = 0; i < CAPTCHA_LENGTH; i++) answer += CAPTCHA_DIGITS[randomInt(CAPTCHA_DIGITS.length)];
  return answer;
}

const turn = (svgPath: string): string => {
  // Glyphs are filled paths without stroke; noise curves have fill="none". Turning and lifting each
  // glyph a little around its own start point defeats template matching, not a reader.
  const start = /d="M([\d.]+) ([\d.]+)/.exec(svgPath);
  if (!start || svgPath.includes('fill="none"')) return svgPath;
  const angle = randomInt(-18, 19);
  const lift = randomInt(-10, 11);
  // A stroke in the glyph's own colour thickens the font's thin outlines for weaker eyes.
  const colour = /fill="(#[0-9a-f]{3,6})"/i.exec(svgPath)?.[1] ?? '#111';
  return svgPath.replace(
    '<path ',
    `<path stroke="${colour}" stroke-width="1.6" transform="translate(0 ${lift}) rotate(${angle} ${start[1]} ${start[2]})" `,
  );
};

/**
 * The answer drawn as glyph outlines (no text element, no font to read back), near-black on
 * white for contrast, crossed by a few grey curves. Returned as a data: URL for an <img>.
 */
export function renderCaptcha(answer: string): { image: string; width: number; height: number } {
  const svg = draw(answer, {
    width: CAPTCHA_WIDTH,
    height: CAPTCHA_HEIGHT,
    fontSize: 96,
    noise: 4,
    color: false,
    background: '',
  });
  const body = svg
    .replace(/<path [^>]*\/>/g, turn)
    .replace(/(<svg[^>]*>)/, '$1<rect width="100%" height="100%" fill="#ffffff"/>');
  return {
    image: `data:image/svg+xml;base64,${Buffer.from(body).toString('base64')}`,
    width: CAPTCHA_WIDTH,
    height: CAPTCHA_HEIGHT,
  };
}
