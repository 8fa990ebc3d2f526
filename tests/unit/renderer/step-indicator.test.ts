import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
let vite: ViteDevServer;

type Render = (component: unknown, options: { props: Record<string, unknown> }) => { body: string };
type I18nLike = { setLanguage(language: string): Promise<boolean> };

/** The real component compiled by Svelte for the server, rendered to HTML. */
async function renderSteps(steps: string[], current: number, language = 'fr'): Promise<string> {
  const { render } = (await vite.ssrLoadModule('svelte/server')) as { render: Render };
  const { I18n } = (await vite.ssrLoadModule(join(root, 'src/renderer/src/lib/i18n/i18n.svelte.ts'))) as {
    I18n: new () => I18nLike;
  };
  const harness = await vite.ssrLoadModule(join(import.meta.dirname, 'step-indicator-harness.svelte'));
  const i18n = new I18n();
  await i18n.setLanguage(language);
  return render(harness.default, { props: { i18n, steps, current } }).body;
}

/** Message keys of the French catalogue. */
const STEPS = ['journey.register', 'journey.login', 'journey.forgot'];

describe('step indicator', () => {
  beforeAll(async () => {
    vite = await createServer({
      root,
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      server: { middlewareMode: true, hmr: false, watch: null },
      plugins: [svelte({ configFile: join(root, 'svelte.config.js') })],
    });
  });
  afterAll(() => vite?.close());

  it('marks the current step with aria-current="step" and says where the visitor is', async () => {
    const html = await renderSteps(STEPS, 1);
    expect(html).toContain('Étape 2 sur 3');
    expect(html).toMatch(/<ol[^>]*aria-label="Progression"/);
    const items = [...html.matchAll(/<li([^>]*)>([\s\S]*?)<\/li>/g)];
    expect(items).toHaveLength(3);
    expect(items.map(([, attrs]) => /aria-current="step"/.test(attrs!))).toEqual([false, true, false]);
    expect(items[0]![2]).toContain('Créer mon compte');
    expect(items[0]![2]).toContain('(terminée)');
    expect(items[1]![2]).toContain('Me connecter');
    expect(items[1]![2]).not.toContain('(terminée)');
  });

  it('speaks the visitor’s language', async () => {
    const html = await renderSteps(STEPS, 0, 'ar');
    expect(html).toContain('الخطوة 1 من 3');
    expect(html).toContain('إنشاء حسابي');
    expect(html).toMatch(/<li[^>]*aria-current="step"[^>]*>[\s\S]*?إنشاء حسابي/);
  });

  it('past the last step (a done page), every step is done and none is current', async () => {
    const html = await renderSteps(STEPS, 3);
    expect(html).toContain('Toutes les étapes sont terminées');
    expect(html).not.toContain('Étape 4');
    expect(html).not.toContain('aria-current');
    expect([...html.matchAll(/\(terminée\)/g)]).toHaveLength(3);
  });
});
