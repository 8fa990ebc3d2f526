import { randomBytes, randomInt } from 'node:crypto';
import { PNG } from 'pngjs';
import { GLYPHS, curve, type Point, type Stroke } from './glyphs';
import { Raster, type Rgb } from './raster';

/**
 * Digits a person cannot confuse once bent: no 0 (read as O or 6), no 1 (read as 7 or l).
 * Eight symbols over six places still leave 262,144 answers.
 */
export const CAPTCHA_DIGITS = '23456789';
export const CAPTCHA_LENGTH = 6;
export const CAPTCHA_WIDTH = 360;
export const CAPTCHA_HEIGHT = 120;

/** A fresh answer from the OS's random source. */
export function newAnswer(): string {
  let answer = '';
  for (let i = 0; i < CAPTCHA_LENGTH; i++) answer += CAPTCHA_DIGITS[randomInt(CAPTCHA_DIGITS.length)];
  return answer;
}

/** Uniform numbers from the OS's random source, read in one go per image (thousands per image). */
class Dice {
  #bytes = randomBytes(0);
  #at = 0;
  next(): number {
    if (this.#at + 4 > this.#bytes.length) [this.#bytes, this.#at] = [randomBytes(4096), 0];
    const value = this.#bytes.readUInt32LE(this.#at) / 2 ** 32;
    this.#at += 4;
    return value;
  }
  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** Dark inks, each at least 7:1 against the white ground (weak eyes). */
const INKS: Rgb[] = [
  [17, 17, 17],
  [20, 33, 82],
  [60, 24, 10],
  [12, 60, 40],
  [70, 20, 70],
];

/**
 * One digit written anew: a variant of its skeleton, every point bent by a smooth random warp and a
 * little tremor, slanted, turned and scaled; so no two drawings of a digit share an outline.
 */
function writeDigit(digit: string, dice: Dice, cx: number, cy: number, size: number): Stroke[] {
  const variant = dice.pick(GLYPHS[digit]!);
  const [ax, ay, fx, fy, px, py] = [0.1, 0.1, 2.5, 2.5, 6.3, 6.3].map((v) => dice.between(v * 0.4, v));
  const angle = (dice.between(-15, 15) * Math.PI) / 180;
  const shear = dice.between(-0.2, 0.2);
  const squash = dice.between(0.8, 1.2);
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const bend = ([x, y]: Point): Point => {
    const wx = x + ax! * Math.sin(fy! * y + py!) + dice.between(-0.015, 0.015) - 0.5;
    const wy = y + ay! * Math.sin(fx! * x + px!) + dice.between(-0.015, 0.015) - 0.8;
    const sx = (wx * squash + shear * wy) * size;
    const sy = wy * size;
    return [cx + sx * cos - sy * sin, cy + sx * sin + sy * cos];
  };
  return variant.map((stroke) => stroke.map(bend));
}

/** A curve across the whole picture, through the digits' band. */
function crossingLine(dice: Dice): Stroke {
  const y = () => dice.between(CAPTCHA_HEIGHT * 0.2, CAPTCHA_HEIGHT * 0.8);
  const [a, b, c] = [y(), y(), y()];
  return [
    ...curve([-5, a], [CAPTCHA_WIDTH * 0.25, y()], [CAPTCHA_WIDTH / 2, b], 16),
    ...curve([CAPTCHA_WIDTH / 2, b], [CAPTCHA_WIDTH * 0.75, y()], [CAPTCHA_WIDTH + 5, c], 16),
  ];
}

/**
 * A wave and a slant through the whole picture, digits and lines alike: upright cuts between digits no longer
 * exist, which a reader does not mind.
 */
function waved(dice: Dice): (strokes: Stroke[]) => Stroke[] {
  const [ax, ay] = [dice.between(6, 9), dice.between(2, 4)];
  const [kx, ky] = [dice.between(0.05, 0.09), dice.between(0.015, 0.03)];
  const [px, py] = [dice.between(0, 2 * Math.PI), dice.between(0, 2 * Math.PI)];
  const slant = dice.pick([-1, 1]) * dice.between(0.15, 0.3);
  const move = ([x, y]: Point): Point => [
    x + ax * Math.sin(kx * y + px) + slant * (y - CAPTCHA_HEIGHT / 2),
    y + ay * Math.sin(ky * x + py),
  ];
  return (strokes) => strokes.map((stroke) => stroke.map(move));
}

/** Places the six digits so neighbours touch or overlap a little, at random heights and gaps. */
function layout(answer: string, dice: Dice): Stroke[][] {
  const sizes = [...answer].map(() => dice.between(50, 57));
  const gaps = sizes.slice(1).map(() => dice.between(0.92, 1.08));
  const room = CAPTCHA_WIDTH - 24 - sizes[0]! / 2 - sizes.at(-1)! / 2;
  const total = gaps.reduce((s, g, i) => s + g * (sizes[i]! + sizes[i + 1]!) * 0.5, 0);
  const fit = Math.min(1, room / total);
  let x = 12 + sizes[0]! / 2 + dice.between(0, Math.max(0, room - total * fit));
  return [...answer].map((digit, i) => {
    if (i > 0) x += gaps[i - 1]! * (sizes[i - 1]! + sizes[i]!) * 0.5 * fit;
    return writeDigit(digit, dice, x, CAPTCHA_HEIGHT / 2 + dice.between(-7, 7), sizes[i]!);
  });
}

/**
 * The answer drawn as pixels in a PNG: bent hand-written digits that touch, two lines across them
 * and a grain of specks, on a faintly mottled white. Nothing in the file names a digit (no text,
 * no outline to match, no metadata). Returned as a data: URL for an <img>.
 */
export function renderCaptcha(answer: string): { image: string; width: number; height: number } {
  const dice = new Dice();
  // One ink for digits, lines and specks: a colour per digit would tell a program where each one is.
  const ink = dice.pick(INKS);
  const raster = new Raster(CAPTCHA_WIDTH, CAPTCHA_HEIGHT, () => 240 + dice.next() * 15);
  for (let i = 0; i < 30; i++) {
    const speck: Point = [dice.between(0, CAPTCHA_WIDTH), dice.between(0, CAPTCHA_HEIGHT)];
    raster.paint([[speck, speck]], dice.between(1.5, 3.5), ink);
  }
  const wave = waved(dice);
  for (const digit of layout(answer, dice)) raster.paint(wave(digit), dice.between(5, 9), ink);
  // A thin line and one nearly as thick as the digits: thinning the picture cannot remove both.
  for (const width of [dice.between(2.5, 3.5), dice.between(4.5, 5.5)])
    raster.paint(wave([crossingLine(dice)]), width, ink);
  const png = PNG.sync.write(raster.toPng(), { colorType: 2, inputHasAlpha: true });
  return {
    image: `data:image/png;base64,${png.toString('base64')}`,
    width: CAPTCHA_WIDTH,
    height: CAPTCHA_HEIGHT,
  };
}
