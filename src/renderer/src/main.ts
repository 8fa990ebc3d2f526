import { mount } from 'svelte';
import App from './app.svelte';
// Arabic glyphs ship with the kiosk (kiosk PCs often lack them); the browser fetches the font only
// when Arabic text is on screen.
import '@fontsource-variable/noto-sans-arabic/wght.css';
import './lib/styles/global.css';
import './lib/a11y/a11y.css';

mount(App, { target: document.getElementById('app')! });
