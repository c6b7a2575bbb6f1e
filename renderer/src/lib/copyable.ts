/**
 * Cells worth copying (serial, version, digest, address) carry `data-copy`. A right-click on
 * one selects its whole value first, so the context menu's "Copy" (Electron's, built in main
 * from the selection; the browser's own in the preview) takes the full text even when the
 * cell shows it shortened. When `data-copy` has a value, that value is what gets selected.
 */
export function installCopyableCells(root: Document = document): () => void {
  const onContextMenu = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const cell = target?.closest<HTMLElement>('[data-copy]');
    if (!cell) return;
    const selection = root.getSelection();
    if (!selection) return;
    // Leave an explicit selection inside the cell alone: the user chose what to copy.
    if (!selection.isCollapsed && cell.contains(selection.anchorNode)) return;
    const full = cell.dataset.copy;
    let node: Node = cell;
    if (full && full !== cell.textContent?.trim()) {
      // The cell shows a short form: select a hidden copy of the full value instead.
      node = ensureFullValue(cell, full);
    }
    const range = root.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
  };
  root.addEventListener('contextmenu', onContextMenu);
  return () => root.removeEventListener('contextmenu', onContextMenu);
}

function ensureFullValue(cell: HTMLElement, full: string): HTMLElement {
  let holder = cell.querySelector<HTMLElement>(':scope > .copy-full');
  if (!holder) {
    holder = cell.ownerDocument.createElement('span');
    holder.className = 'copy-full';
    // Visually hidden but selectable (display:none text cannot be selected).
    holder.style.cssText =
      'position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap';
    cell.appendChild(holder);
  }
  holder.textContent = full;
  return holder;
}
