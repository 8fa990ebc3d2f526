import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
const root = join(import.meta.dirname, '..', '..', '..');
const rendererDir = join(root, 'src', 'renderer');

// The catalogues are renderer code: loaded by path, so the Node typecheck does not take them in.
type Catalogue = Record<string, string>;
const load = async (file: string): Promise<Record<string, unknown>> =>
  (await import(/* @vite-ignore */ join(rendererDir, 'src', 'lib', 'i18n', file))) as Record<string, unknown>;
const fr = (await load('fr.ts')).fr as Catalogue;
const [en, ar, pt, tr] = (await Promise.all(['en.ts', 'ar.ts', 'pt.ts', 'tr.ts'].map(load))).map(
  (module) => module.default as Catalogue,
) as [Catalogue, Catalogue, Catalogue, Catalogue];
const LANGUAGE_NAMES = (await load('catalogue.ts')).LANGUAGE_NAMES as Catalogue;

/** Shown in their own words whatever the language: the brand and the languages' own names. */
const ALLOWED_TEXT = new Set<string>([fr['brand.name']!, ...Object.values(LANGUAGE_NAMES)]);
/** Attributes and component props a visitor sees or hears. */
const VISIBLE_ATTRIBUTES = new Set(['alt', 'title', 'placeholder', 'label', 'aria-roledescription', 'aria-valuetext']);
const VISIBLE_PROPS = new Set(['label', 'title', 'text', 'message', 'hint', 'caption', 'heading', 'description']);
const LETTER = /\p{L}/u;

type Node = { type: string; [key: string]: unknown };
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/**
 * String literals with letters in an expression, except the message key given to `t(...)` and
 * literals that only name a state (compared with ===, or used as an object key).
 */
function literalsIn(expression: unknown, out: string[]): void {
  if (Array.isArray(expression)) return expression.forEach((e) => literalsIn(e, out));
  if (!isNode(expression)) return;
  const node = expression;
  if (node.type === 'Literal' && typeof node.value === 'string') {
    if (LETTER.test(node.value) && !ALLOWED_TEXT.has(node.value.trim())) out.push(node.value);
    return;
  }
  if (node.type === 'TemplateElement') {
    const cooked = (node.value as { cooked?: string }).cooked ?? '';
    if (LETTER.test(cooked)) out.push(cooked);
    return;
  }
  if (node.type === 'CallExpression') {
    const callee = node.callee as Node;
    const isT =
      (callee.type === 'Identifier' && callee.name === 't') ||
      (callee.type === 'MemberExpression' &&
        (callee.property as Node).type === 'Identifier' &&
        (callee.property as { name: string }).name === 't');
    const args = node.arguments as unknown[];
    literalsIn(isT ? args.slice(1) : args, out);
    if (!isT) literalsIn(callee, out);
    return;
  }
  if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(node.operator as string)) return;
  if (node.type === 'MemberExpression') return literalsIn(node.object, out);
  if (node.type === 'Property') return literalsIn(node.value, out);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'type' && key !== 'loc' && key !== 'start' && key !== 'end') literalsIn(value, out);
  }
}

function checkValue(value: unknown, where: string, findings: string[]): void {
  if (value === true) return;
  for (const part of Array.isArray(value) ? value : [value]) {
    if (!isNode(part)) continue;
    if (part.type === 'Text') {
      const text = (part.data as string).trim();
      if (LETTER.test(text) && !ALLOWED_TEXT.has(text)) findings.push(`${where}: "${text}"`);
    } else if (part.type === 'ExpressionTag') {
      const literals: string[] = [];
      literalsIn(part.expression, literals);
      findings.push(...literals.map((l) => `${where}: '${l}'`));
    }
  }
}

/** Every piece of text a visitor could meet in a component's markup that does not come from `t(...)`. */
export function hardCodedStrings(source: string, file = 'inline.svelte'): string[] {
  const ast = parse(source, { modern: true });
  const findings: string[] = [];
  const line = (node: Node) => source.slice(0, node.start as number).split('\n').length;

  const walk = (value: unknown, parent: Node | null): void => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, parent));
    if (!isNode(value)) return;
    const node = value;
    const where = `${file}:${line(node)}`;
    switch (node.type) {
      case 'Text':
        checkValue(node, where, findings);
        return;
      case 'ExpressionTag':
        checkValue(node, where, findings);
        return;
      case 'HtmlTag':
        findings.push(`${where}: {@html} cannot be checked`);
        return;
      case 'Comment':
        return;
      case 'Attribute': {
        const name = (node.name as string).toLowerCase();
        const component = parent?.type === 'Component' || parent?.type === 'SvelteComponent';
        const visible =
          VISIBLE_ATTRIBUTES.has(name) || name.startsWith('aria-label') || (component && VISIBLE_PROPS.has(name));
        if (visible && !name.startsWith('aria-labelledby')) checkValue(node.value, `${where} [${name}]`, findings);
        return;
      }
      default:
        for (const [key, child] of Object.entries(node)) {
          if (key === 'expression' || key === 'test' || key === 'metadata') continue;
          walk(child, node);
        }
    }
  };
  walk(ast.fragment, null);
  return findings;
}

const svelteFiles = (readdirSync(rendererDir, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.svelte'))
  .map((f) => join(rendererDir, f))
  .sort();

describe('no hard-coded strings in the renderer', () => {
  it('finds what it is meant to find', () => {
    const found = hardCodedStrings(
      `<script lang="ts">let shown = $state(false);</script>
       <p>Bonjour</p>
       <img alt="Un dessin" src="x.svg" />
       <Button label="Valider" icon="check" />
       <span>{shown ? 'Masquer' : i18n.t('field.show')}</span>
       <span aria-label={\`Étape \${n}\`}>{i18n.t('ok', { who: 'Jean' })}</span>
       <!-- a comment -->
       <p>{i18n.t(state === 'done' ? 'a.b' : 'c.d')} · 02 {index + 1}</p>
       <p class="words">Mon espace locataire</p><span>العربية</span>`,
    );
    expect(found).toEqual([
      'inline.svelte:2: "Bonjour"',
      'inline.svelte:3 [alt]: "Un dessin"',
      'inline.svelte:4 [label]: "Valider"',
      "inline.svelte:5: 'Masquer'",
      "inline.svelte:6 [aria-label]: 'Étape '",
      "inline.svelte:6: 'Jean'",
    ]);
  });

  it('scans the renderer’s components', () => {
    expect(svelteFiles.length).toBeGreaterThan(10);
  });

  it.each(svelteFiles.map((f) => [relative(root, f), f]))('%s takes every word from the catalogue', (_name, file) => {
    expect(hardCodedStrings(readFileSync(file, 'utf8'), relative(root, file))).toEqual([]);
  });
});

const TRANSLATIONS = { en, ar, pt, tr } as const;
/**
 * Words spelt the same in French and in at least one other language here ("Email", "Version",
 * "Activation"): a message made only of them may read exactly as the French.
 */
const NEUTRAL_WORDS = new Set(
  ['email', 'e-mail', 'version', 'ok', 'captcha', 'code', 'pin', 'spam', 'no-reply', 'internet', 'wi-fi'].concat([
    'activation',
    'confirmation',
    'date',
    'message',
    'question',
    'validation',
    'information',
    'image',
    'menu',
  ]),
);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** True when a translation may read exactly as the French: no words, or only neutral ones. */
function mayEqualFrench(key: string, text: string): boolean {
  if (key === 'brand.name') return true;
  const words = text.replace(/\{\w+\}/g, ' ').match(/[\p{L}][\p{L}\p{M}.@-]*/gu) ?? [];
  // Also neutral: domains and addresses, unit symbols ("s"), and input masks ("MM", "AAAA").
  const neutral = (w: string) =>
    NEUTRAL_WORDS.has(w.toLowerCase()) || /[.@]/.test(w) || w.length === 1 || /^\p{Lu}{2,4}$/u.test(w);
  return words.every(neutral);
}

describe('the message catalogues', () => {
  const keys = Object.keys(fr);

  it.each(Object.entries(TRANSLATIONS))('%s has exactly the French keys', (_lang, messages) => {
    expect(Object.keys(messages).sort()).toEqual([...keys].sort());
  });

  it.each([['fr', fr], ...Object.entries(TRANSLATIONS)])('%s has no empty message', (_lang, messages) => {
    const empty = Object.entries(messages).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(Object.entries(TRANSLATIONS))('%s keeps every {placeholder} of the French', (_lang, messages) => {
    const wrong = keys.filter((k) => placeholders(messages[k] ?? '').join() !== placeholders(fr[k] ?? '').join());
    expect(wrong).toEqual([]);
  });

  it.each(Object.entries(TRANSLATIONS))('%s translates what is not language-neutral', (_lang, messages) => {
    const untranslated = keys.filter((k) => messages[k] === fr[k] && !mayEqualFrench(k, fr[k] ?? ''));
    expect(untranslated).toEqual([]);
  });

  it('Arabic messages are written in Arabic', () => {
    const latinOnly = keys.filter((k) => !mayEqualFrench(k, ar[k] ?? '') && !/\p{Script=Arabic}/u.test(ar[k] ?? ''));
    expect(latinOnly).toEqual([]);
  });

  it('the neutral-word rule still catches a forgotten translation', () => {
    expect(mayEqualFrench('x', 'Email')).toBe(true);
    expect(mayEqualFrench('x', 'Version {version}')).toBe(true);
    expect(mayEqualFrench('x', 'gmail.com')).toBe(true);
    expect(mayEqualFrench('x', '{seconds} s')).toBe(true);
    expect(mayEqualFrench('x', 'AAAA')).toBe(true);
    expect(mayEqualFrench('x', 'Votre email')).toBe(false);
    expect(mayEqualFrench('x', 'Terminer')).toBe(false);
  });
});
