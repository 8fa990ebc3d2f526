import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CaptchaService } from '../../../src/main/core/captcha/captcha-service';
import { CAPTCHA_DIGITS, newAnswer, renderCaptcha } from '../../../src/main/core/captcha/render';
import { TestClock } from '../portal/harness';

const pngOf = (image: string) => {
  expect(image.startsWith('data:image/png;base64,')).toBe(true);
  return Buffer.from(image.slice(image.indexOf(',') + 1), 'base64');
};

/** The PNG's chunk types, in order (each chunk: length, type, data, CRC). */
const chunksOf = (png: Buffer): string[] => {
  const types: string[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) types.push(png.toString('latin1', at + 4, at + 8));
  return types;
};

describe('captcha image', () => {
  it('draws six unambiguous digits from a secure source', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const a = newAnswer();
      expect(a).toMatch(/^[2-9]{6}$/);
      for (const d of a) seen.add(d);
    }
    expect([...seen].sort().join('')).toBe(CAPTCHA_DIGITS);
  });

  it('is pixels only: no text, no metadata, no answer to read back; dark ink on a light ground', () => {
    for (const answer of ['234567', '999999', '828282']) {
      const bytes = pngOf(renderCaptcha(answer).image);
      expect(chunksOf(bytes)).toEqual(['IHDR', 'IDAT', 'IEND']);
      expect(bytes.toString('latin1')).not.toContain(answer);
      const png = PNG.sync.read(bytes);
      expect([png.width, png.height]).toEqual([360, 120]);
      // Contrast for a person, whatever the noise: the ground is near white, the ink near black.
      const luma = Array.from({ length: png.width * png.height }, (_, i) => {
        const [r, g, b] = [png.data[i * 4]!, png.data[i * 4 + 1]!, png.data[i * 4 + 2]!];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      }).sort((a, b) => a - b);
      expect(luma[Math.floor(luma.length * 0.5)]).toBeGreaterThan(235);
      expect(luma[Math.floor(luma.length * 0.03)]).toBeLessThan(80);
    }
  });

  it('never draws the same image twice for one answer', () => {
    expect(renderCaptcha('345678').image).not.toBe(renderCaptcha('345678').image);
  });
});

describe('captcha service', () => {
  const make = (clock = new TestClock(), answer = '345678') => ({
    clock,
    captcha: new CaptchaService({ now: clock.now, lifetimeSeconds: 120, answers: () => answer }),
  });

  it('accepts the right answer once (spaces ignored)', () => {
    const { captcha } = make();
    const issued = captcha.issue('identity');
    expect(issued.expiresInSeconds).toBe(120);
    expect(JSON.stringify(issued)).not.toContain('345678');
    expect(captcha.check(issued.captchaId, 'identity', ' 345 678 ')).toBe('ok');
    expect(captcha.check(issued.captchaId, 'identity', '345678')).toBe('expired');
  });

  it('spends a captcha on a wrong answer: the tenant needs a new one', () => {
    const { captcha } = make();
    const issued = captcha.issue('identity');
    expect(captcha.check(issued.captchaId, 'identity', '345679')).toBe('wrong');
    expect(captcha.check(issued.captchaId, 'identity', '345678')).toBe('expired');
    const again = captcha.issue('identity');
    expect(again.captchaId).not.toBe(issued.captchaId);
    expect(captcha.check(again.captchaId, 'identity', '345678')).toBe('ok');
  });

  it('expires after its lifetime', () => {
    const { captcha, clock } = make();
    const a = captcha.issue('identity');
    clock.advance(119);
    const b = captcha.issue('login-details');
    expect(captcha.check(a.captchaId, 'identity', '345678')).toBe('ok');
    clock.advance(2);
    expect(captcha.check(b.captchaId, 'login-details', '345678')).toBe('ok');
    const c = captcha.issue('identity');
    clock.advance(120);
    expect(captcha.check(c.captchaId, 'identity', '345678')).toBe('expired');
  });

  it('keeps one live captcha per form: a new drawing (tap on the image) replaces the old', () => {
    const { captcha } = make();
    const first = captcha.issue('identity');
    const other = captcha.issue('login-details');
    const second = captcha.issue('identity');
    expect(captcha.size).toBe(2);
    expect(captcha.check(first.captchaId, 'identity', '345678')).toBe('expired');
    expect(captcha.check(second.captchaId, 'login-details', '345678')).toBe('expired');
    expect(captcha.check(other.captchaId, 'login-details', '345678')).toBe('ok');
  });

  it('refuses a missing id or answer, and forgets everything on wipe', () => {
    const { captcha } = make();
    const issued = captcha.issue('identity');
    expect(captcha.check(undefined, 'identity', '345678')).toBe('wrong');
    expect(captcha.check(issued.captchaId, 'identity', undefined)).toBe('wrong');
    const next = captcha.issue('identity');
    captcha.wipe();
    expect(captcha.size).toBe(0);
    expect(captcha.check(next.captchaId, 'identity', '345678')).toBe('expired');
  });
});
