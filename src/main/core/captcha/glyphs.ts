/**
 * Hand-drawn skeletons of the captcha's digits: each a few strokes (polylines) in a box 1 wide and
 * 1.6 high, y downwards. Several ways to write each digit, as people do (open or closed 4, crossed
 * 7, curly 2…), so no one outline stands for a digit; the renderer then bends every point.
 */
export type Point = readonly [number, number];
export type Stroke = Point[];

const rad = (deg: number) => (deg * Math.PI) / 180;

/** An elliptic arc from a0 to a1 degrees (0° = right, 90° = down), as a polyline. */
export function arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number): Stroke {
  const steps = Math.max(4, Math.ceil(Math.abs(a1 - a0) / 12));
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = rad(a0 + ((a1 - a0) * i) / steps);
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)] as const;
  });
}

/** A quadratic curve from p0 to p2 pulled towards p1. */
export function curve(p0: Point, p1: Point, p2: Point, steps = 8): Stroke {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const t = i / steps;
    const u = 1 - t;
    return [u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]];
  });
}

const line = (...points: Point[]): Stroke => points;

export const GLYPHS: Record<string, Stroke[][]> = {
  '2': [
    [[...arc(0.5, 0.45, 0.4, 0.38, 200, 385), [0.08, 1.52], [0.95, 1.52]]],
    [
      [
        ...arc(0.5, 0.42, 0.42, 0.36, 190, 370),
        ...curve([0.9, 0.55], [0.6, 1.1], [0.08, 1.5]),
        [0.2, 1.42],
        [0.95, 1.55],
      ],
    ],
    [arc(0.5, 0.45, 0.38, 0.4, 185, 400), line([0.84, 0.62], [0.1, 1.5], [0.92, 1.5])],
  ],
  '3': [
    [arc(0.48, 0.42, 0.38, 0.36, 200, 450), arc(0.48, 1.12, 0.44, 0.42, 270, 520)],
    [[[0.1, 0.06], [0.88, 0.06], [0.42, 0.66], ...arc(0.48, 1.1, 0.44, 0.44, 280, 515)]],
    [[...arc(0.5, 0.42, 0.36, 0.36, 210, 440), ...arc(0.5, 1.12, 0.44, 0.42, 280, 530)]],
  ],
  '4': [
    [line([0.62, 0.04], [0.06, 1.05], [0.95, 1.05]), line([0.64, 0.04], [0.68, 1.56])],
    [line([0.7, 1.56], [0.7, 0.04], [0.05, 1.08], [0.96, 1.08])],
    [line([0.18, 0.05], [0.1, 1.0], [0.95, 1.0]), line([0.74, 0.3], [0.72, 1.56])],
  ],
  '5': [
    [line([0.9, 0.06], [0.2, 0.06], [0.14, 0.72]), arc(0.48, 1.1, 0.44, 0.44, 222, 505)],
    [line([0.22, 0.08], [0.16, 0.7]), line([0.2, 0.06], [0.92, 0.08]), arc(0.5, 1.1, 0.42, 0.42, 215, 500)],
    [[[0.9, 0.06], [0.22, 0.06], [0.14, 0.68], ...arc(0.5, 1.1, 0.42, 0.44, 235, 505)]],
  ],
  '6': [
    [arc(0.95, 1.05, 0.82, 0.98, 238, 180), arc(0.52, 1.12, 0.4, 0.4, 180, 540)],
    [line([0.76, 0.04], [0.14, 1.05]), arc(0.52, 1.15, 0.38, 0.38, 200, 560)],
    [[...curve([0.85, 0.1], [0.05, 0.3], [0.12, 1.15]), ...arc(0.5, 1.12, 0.38, 0.4, 180, 520)]],
  ],
  '7': [
    [line([0.05, 0.06], [0.95, 0.06], [0.36, 1.56])],
    [line([0.05, 0.06], [0.95, 0.06], [0.4, 1.56]), line([0.3, 0.82], [0.88, 0.82])],
    [[[0.06, 0.2], [0.08, 0.06], [0.94, 0.08], ...curve([0.94, 0.08], [0.45, 0.7], [0.42, 1.56])]],
  ],
  '8': [
    [arc(0.5, 0.4, 0.34, 0.34, 0, 360), arc(0.5, 1.13, 0.43, 0.42, 0, 360)],
    [arc(0.5, 0.42, 0.3, 0.36, 90, 450), arc(0.5, 1.15, 0.4, 0.4, 270, 630)],
    [[...arc(0.5, 0.4, 0.34, 0.34, 90, -180), ...arc(0.5, 1.13, 0.42, 0.42, -90, 270)]],
  ],
  '9': [
    [arc(0.5, 0.46, 0.4, 0.4, 0, 360), line([0.9, 0.46], [0.78, 1.56])],
    [arc(0.48, 0.48, 0.38, 0.42, 10, 370), [...arc(0.05, 0.55, 0.82, 1.0, 0, 58)]],
    [[...arc(0.5, 0.45, 0.38, 0.4, 20, 380), ...curve([0.88, 0.58], [0.9, 1.5], [0.2, 1.5])]],
  ],
};
