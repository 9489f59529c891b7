// Vite's `?inline` imports: the stylesheet's text, for constructable stylesheets.
declare module '*.css?inline' {
  const css: string;
  export default css;
}
