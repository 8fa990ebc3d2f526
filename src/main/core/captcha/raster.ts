import { PNG } from 'pngjs';
import type { Point, Stroke } from './glyphs';

export type Rgb = readonly [number, number, number];

/** Distance from p to the segment a–b. */
function distance(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/**
 * A small RGB canvas that paints round-capped strokes with anti-aliased edges: the few operations
 * the captcha needs (pngjs encodes the result; a full canvas library would be far more code).
 */
export class Raster {
  readonly #rgb: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
    ground: () => number,
  ) {
    this.#rgb = new Float32Array(width * height * 3);
    for (let i = 0; i < width * height; i++) this.#rgb.fill(ground(), i * 3, i * 3 + 3);
  }

  /** Paints the strokes (polylines) in one ink: where they cross, the ink does not darken twice. */
  paint(strokes: Stroke[], strokeWidth: number, ink: Rgb): void {
    const cover = new Float32Array(this.width * this.height);
    const half = strokeWidth / 2;
    for (const stroke of strokes) {
      for (let s = 0; s < stroke.length - 1; s++) {
        const [a, b] = [stroke[s]!, stroke[s + 1]!];
        const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0]) - half - 1));
        const x1 = Math.min(this.width - 1, Math.ceil(Math.max(a[0], b[0]) + half + 1));
        const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1]) - half - 1));
        const y1 = Math.min(this.height - 1, Math.ceil(Math.max(a[1], b[1]) + half + 1));
        for (let y = y0; y <= y1; y++)
          for (let x = x0; x <= x1; x++) {
            const amount = Math.min(1, Math.max(0, half + 0.5 - distance([x + 0.5, y + 0.5], a, b)));
            const i = y * this.width + x;
            if (amount > cover[i]!) cover[i] = amount;
          }
      }
    }
    for (let i = 0; i < cover.length; i++) {
      const c = cover[i]!;
      if (c === 0) continue;
      for (let k = 0; k < 3; k++) this.#rgb[i * 3 + k] = this.#rgb[i * 3 + k]! * (1 - c) + ink[k]! * c;
    }
  }

  toPng(): PNG {
    const png = new PNG({ width: this.width, height: this.height });
    for (let i = 0; i < this.width * this.height; i++) {
      for (let k = 0; k < 3; k++) png.data[i * 4 + k] = Math.round(this.#rgb[i * 3 + k]!);
      png.data[i * 4 + 3] = 255;
    }
    return png;
  }
}
