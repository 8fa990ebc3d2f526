import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
const root = join(import.meta.dirname, '..', '..', '..');
const rendererDir = join(root, 'src', 'renderer');

// The catalogue module is renderer code: loaded by path, so the Node typecheck does not take it in.
const { LANGUAGE_NAMES } = (await import(
  /* @vite-ignore */ join(rendererDir, 'src', 'lib', 'i18n', 'catalogue.ts')
)) as { LANGUAGE_NAMES: Record<string, string> };
const brandName = (
  JSON.parse(readFileSync(join(root, 'messages', 'app', 'fr.json'), 'utf8')) as Record<string, string>
)['brand.name']!;

/** Shown in their own words whatever the language: the brand and the languages' own names. */
const ALLOWED_TEXT = new Set<string>([brandName, ...Object.values(LANGUAGE_NAMES)]);
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
