// Styles go into the shadow root as constructable stylesheets: a strict CSP
// (style-src 'self') blocks a <style> element there, but not adoptedStyleSheets.
import componentsCss from '../components/styles.css?inline';
import widgetCss from './widget.css?inline';

/**
 * The components' stylesheet made fit for a shadow root. `:root` matches nothing there, so the
 * host takes its part: the default variables sit on <oz-dialer>, where a page may still override
 * them (oz-dialer { --oz-accent: … }). And `rem` would follow the page's root font size (the
 * common `html { font-size: 62.5% }` would shrink the dialer), so it becomes a fixed --oz-rem.
 */
export function shadowCss(css: string): string {
  return (
    css
      // The host is featureless: `:host:not(…)` never matches, `:host(:not(…))` does.
      .replace(/:root:not\(([^)]*)\)/g, ':host(:not($1))')
      .replaceAll(':root', ':host')
      .replace(/(\d*\.?\d+)rem\b/g, (_m, n: string) => `calc(${n} * var(--oz-rem))`)
  );
}

const CSS = [shadowCss(componentsCss), widgetCss];

// Parsed once and shared by every widget of the page (a sheet may be adopted by many roots).
let sheets: CSSStyleSheet[] | null = null;

function canAdopt(root: ShadowRoot): boolean {
  return (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet !== 'undefined' &&
    typeof CSSStyleSheet.prototype.replaceSync === 'function'
  );
}

export function applyWidgetStyles(root: ShadowRoot): void {
  if (canAdopt(root)) {
    sheets ??= CSS.map((text) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
    root.adoptedStyleSheets = [...sheets];
    return;
  }
  // Browsers without constructable stylesheets (before Safari 16.4): a <style> element, which
  // only a page with a strict CSP would block.
  const style = root.ownerDocument.createElement('style');
  style.textContent = CSS.join('\n');
  root.prepend(style);
}
