// simple-keyboard's modern ESM bundle (no polyfills, a third of the default one) has no types of its own.
declare module 'simple-keyboard/build/index.modern.esm.js' {
  export { default } from 'simple-keyboard';
}
