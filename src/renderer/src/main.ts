import { mount } from 'svelte';
import App from './app.svelte';
import './lib/styles/global.css';
import './lib/a11y/a11y.css';

mount(App, { target: document.getElementById('app')! });
