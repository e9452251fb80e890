/** GraphiQL 4's markup misses a few things axe-core asks for (its editors' textareas have no
 * label, its scroll regions are not focusable, a tab's <li role="tab"> holds buttons). This
 * mends them as GraphiQL renders, without changing what GraphiQL does. */

const EDITOR_NAMES: Array<[string, string]> = [
  [".graphiql-query-editor", "Query editor"],
  [".graphiql-response", "Response"],
  [".graphiql-editor-tool", "Variables or headers editor"],
];
/** The scroll regions to reach by keyboard: the editors shown and the response (read-only,
 * so its scroller is the only way in once a result is longer than the pane). */
const SCROLLER_NAMES: Array<[string, string]> = [
  [".graphiql-editor:not(.hidden)", "Editor contents"],
  [".result-window", "Response contents"],
];

function mend(root: ParentNode): void {
  for (const [container, name] of EDITOR_NAMES) {
    root.querySelectorAll<HTMLTextAreaElement>(`${container} .CodeMirror textarea:not([aria-label])`).forEach((t) => t.setAttribute("aria-label", name));
  }
  for (const [container, name] of SCROLLER_NAMES) {
    root.querySelectorAll<HTMLElement>(`${container} .CodeMirror-scroll[tabindex="-1"]`).forEach((s) => {
      s.tabIndex = 0;
      s.setAttribute("aria-label", name);
      s.setAttribute("role", "region");
    });
  }
  root.querySelectorAll<HTMLElement>('li[role="tab"]').forEach((tab) => {
    const button = tab.querySelector<HTMLElement>(".graphiql-tab-button") ?? tab.querySelector("button");
    const selected = tab.getAttribute("aria-selected") ?? "false";
    tab.setAttribute("role", "none");
    tab.removeAttribute("aria-selected");
    if (button) {
      button.setAttribute("role", "tab");
      button.setAttribute("aria-selected", selected);
    }
  });
}

export function mendGraphiQL(root: HTMLElement): void {
  let scheduled = false;
  new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      mend(root);
    });
  }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-selected", "class"] });
  mend(root);
}
